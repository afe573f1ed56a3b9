package report

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchfmt"
)

// samples reads every value of unit for the benchmark named name straight
// from a result file, independently of Read.
func samples(t *testing.T, path, name, unit string) []float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var vs []float64
	r := benchfmt.NewReader(bytes.NewReader(b), path)
	for r.Scan() {
		if res, ok := r.Result().(*benchfmt.Result); ok && res.Name.String() == name {
			for _, v := range res.Values {
				switch {
				case v.OrigUnit == unit:
					vs = append(vs, v.OrigValue)
				case v.OrigUnit == "" && v.Unit == unit:
					vs = append(vs, v.Value)
				}
			}
		}
	}
	require.NotEmpty(t, vs, "%s has no %s for %s", path, unit, name)
	return vs
}

// median of samples: the middle one, or the mean of the middle two.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

func TestNumbersTraceToInputs(t *testing.T) {
	var md bytes.Buffer
	require.NoError(t, page(t, "", machines...).Markdown(&md))
	got := md.String()
	const rr = "DirectIO/op=randread/bs=4KiB/qd=1/io=direct/sync=none-2"
	vm := median(samples(t, machines[0], rr, "io/s"))
	ram := median(samples(t, machines[1], rr, "io/s"))
	packed := median(samples(t, machines[0], "FalseSharing/layout=packed/goroutines=2-2", "ns/op"))
	pad := median(samples(t, machines[0], "FalseSharing/layout=pad64/goroutines=2-2", "ns/op"))
	p99 := median(samples(t, machines[2], rr, "p99-ns"))
	for _, tc := range []struct{ name, want string }{
		{"headline io/s", "one at a time): " + Value(vm, "io/s")},
		{"ratio to the reference", Value(ram, "io/s") + " (n=3, no CI), " + fmt.Sprintf("%.3g×", ram/vm)},
		{"false sharing penalty", fmt.Sprintf("two counters on one cache line: %.3g× [", packed/pad)},
		{"throttled p99", "p99 " + Value(p99, "p99-ns")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.True(t, strings.Contains(got, tc.want), "markdown lacks %q", tc.want)
		})
	}
}
