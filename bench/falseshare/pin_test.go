package falseshare

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/affinity"
	"github.com/benchrig/benchrig/internal/platform"
)

func TestParseCPUList(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []int
	}{
		{"unset", "", nil},
		{"one", "4", []int{4}},
		{"list", "1,2, 4", []int{1, 2, 4}},
		{"not-a-number", "1,x", nil},
		{"zero", "0", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseCPUList(tt.in))
		})
	}
}

func TestMaxGoroutines(t *testing.T) {
	assert.Equal(t, 2, maxGoroutines([]int{1, 2}, false))
	assert.Equal(t, 8, maxGoroutines([]int{1, 8, 4}, false))
	assert.Equal(t, 2, maxGoroutines([]int{8}, true))
}

// okPin pins to any CPU and restores without error.
func okPin(int) (func() error, error) { return func() error { return nil }, nil }

// probeCase is one TestProbePinning case: what probePinning plans with p
// for maxG goroutines.
type probeCase struct {
	name        string
	p           pinner
	maxG        int
	wantPinning string
	wantCPUs    string
	wantWhy     string
}

var probeCases = []probeCase{
	{
		name:        "on",
		p:           pinner{allowed: func() ([]int, error) { return []int{0, 1, 3}, nil }, pin: okPin},
		maxG:        2,
		wantPinning: "on", wantCPUs: "0,1",
	},
	{
		name:        "unsupported-os",
		p:           pinner{allowed: func() ([]int, error) { return nil, platform.Unsupported("affinity: read the CPU mask") }, pin: okPin},
		maxG:        2,
		wantPinning: "off", wantCPUs: "unknown", wantWhy: "unsupported operation",
	},
	{
		name:        "too-few-cpus",
		p:           pinner{allowed: func() ([]int, error) { return []int{0, 1}, nil }, pin: okPin},
		maxG:        4,
		wantPinning: "off", wantCPUs: "unknown", wantWhy: "4 goroutines but only 2 allowed CPUs",
	},
	{
		name: "eperm",
		p: pinner{allowed: func() ([]int, error) { return []int{0, 1}, nil }, pin: func(cpu int) (func() error, error) {
			return nil, fmt.Errorf("pin to CPU %d: %w", cpu, syscall.EPERM)
		}},
		maxG:        2,
		wantPinning: "off", wantCPUs: "unknown", wantWhy: "pin to CPU 0: operation not permitted",
	},
	{
		name: "einval-on-second-cpu",
		p: pinner{allowed: func() ([]int, error) { return []int{0, 1}, nil }, pin: func(cpu int) (func() error, error) {
			if cpu == 1 {
				return nil, fmt.Errorf("pin to CPU %d: %w", cpu, syscall.EINVAL)
			}
			return okPin(cpu)
		}},
		maxG:        2,
		wantPinning: "off", wantCPUs: "unknown", wantWhy: "pin to CPU 1: invalid argument",
	},
	{
		name: "restore-fails",
		p: pinner{allowed: func() ([]int, error) { return []int{0, 1}, nil }, pin: func(int) (func() error, error) {
			return func() error { return errors.New("restore refused") }, nil
		}},
		maxG:        2,
		wantPinning: "off", wantCPUs: "unknown", wantWhy: "restore refused",
	},
}

func TestProbePinning(t *testing.T) {
	for _, tt := range probeCases {
		t.Run(tt.name, func(t *testing.T) {
			plan := probePinning(tt.p, tt.maxG)
			pinning, cpus := plan.config()
			assert.Equal(t, tt.wantPinning, pinning)
			assert.Equal(t, tt.wantCPUs, cpus)
			if tt.wantWhy == "" {
				assert.Empty(t, plan.why)
			} else {
				assert.Contains(t, plan.why, tt.wantWhy)
			}
		})
	}
}

// TestProbePinningHere probes the real OS: on Linux with two allowed CPUs or
// more, pinning two goroutines must work without privileges.
func TestProbePinningHere(t *testing.T) {
	if runtime.GOOS != "linux" {
		plan := probePinning(osPinner, 2)
		assert.Nil(t, plan.cpus)
		assert.Contains(t, plan.why, "unsupported operation")
		return
	}
	allowed, err := affinity.Allowed()
	require.NoError(t, err)
	if len(allowed) < 2 {
		t.Skipf("only %d allowed CPU(s) %v: two goroutines cannot be pinned apart", len(allowed), allowed)
	}
	plan := probePinning(osPinner, 2)
	require.Empty(t, plan.why)
	assert.Equal(t, allowed[:2], plan.cpus)
}
