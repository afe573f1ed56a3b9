package resultfile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/perf/benchfmt"
)

func TestBusy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values map[string][]float64
		want   []string
	}{
		{"quiet", map[string][]float64{OtherCPUsUnit: {0.1, 0.2, 0.3}, StealCPUsUnit: {0, 0.01}, OtherRunsUnit: {0, 0}}, nil},
		{"one noisy sample of three is not busy", map[string][]float64{OtherCPUsUnit: {0.1, 0.9, 0.2}}, nil},
		{"median other-cpus at the limit", map[string][]float64{OtherCPUsUnit: {0.2, 0.3}}, []string{"median other-cpus 0.25 ≥ 0.25 (other processes used the CPUs)"}},
		{"steal", map[string][]float64{StealCPUsUnit: {0.2}}, []string{"median steal-cpus 0.20 ≥ 0.10 (the hypervisor took the CPUs)"}},
		{"one other run in one sample", map[string][]float64{OtherRunsUnit: {0, 1, 0}}, []string{"1 other benchrig run(s) in the same BENCHRIG_DIR"}},
		{"the device read for others", map[string][]float64{OtherDevReadsUnit: {0.1, 0.4, 0.5}}, []string{"median other-dev-reads 0.40 ≥ 0.25 (other processes read from the device)"}},
		{"the device read for the op", map[string][]float64{OtherDevReadsUnit: {0, 0.02, 0.3}}, nil},
		{"no busy units", map[string][]float64{"ns/op": {5}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, Busy(tc.values)) })
	}
}

func TestRowName(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"gomaxprocs", "Read/bs=4KiB/qd=1-2", "Read/bs=4KiB/qd=1"},
		{"no gomaxprocs", "Read/bs=4KiB", "Read/bs=4KiB"},
		{"dash in a value", "Read/v=a-b-8", "Read/v=a-b"},
		{"base only", "Loop-16", "Loop"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, RowName(benchfmt.Name(tc.in))) })
	}
}
