package falseshare

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTimer records the timer calls of runAdds and the counter total at each.
type fakeTimer struct {
	c      *counters
	events []string
}

func (f *fakeTimer) ResetTimer() { f.events = append(f.events, fmt.Sprintf("reset sum=%d", f.c.sum())) }
func (f *fakeTimer) StopTimer()  { f.events = append(f.events, fmt.Sprintf("stop sum=%d", f.c.sum())) }

// TestRunAdds runs the benchmark body once with a small N and checks the
// totals, and that all the adds happen between the timer reset and stop.
func TestRunAdds(t *testing.T) {
	const n = 1000
	pins := []struct {
		name string
		cpus func(g int) []int
	}{
		{"unpinned", func(int) []int { return nil }},
		{"pinned", func(g int) []int {
			plan := runPlan()
			if plan.cpus == nil || g > len(plan.cpus) {
				return nil
			}
			return plan.cpus[:g]
		}},
	}
	for _, pin := range pins {
		for _, l := range layouts {
			for _, g := range []int{1, 2, 4} {
				t.Run(fmt.Sprintf("%s/layout=%s/goroutines=%d", pin.name, l, g), func(t *testing.T) {
					cpus := pin.cpus(g)
					if plan := runPlan(); pin.name == "pinned" && cpus == nil {
						if plan.cpus == nil {
							t.Skipf("pinning is off for this run: %s", plan.why)
						}
						t.Skipf("%d goroutines do not fit the pinned CPUs %v", g, plan.cpus)
					}
					c, err := newCounters(l, g)
					require.NoError(t, err)
					tm := &fakeTimer{c: c}
					require.NoError(t, runAdds(tm, c, n, cpus))
					assert.NoError(t, c.verify(n))
					total := uint64(g * n)
					assert.Equal(t, []string{"reset sum=0", fmt.Sprintf("stop sum=%d", total)}, tm.events)
				})
			}
		}
	}
}

func TestRunAddsPinFailure(t *testing.T) {
	tests := []struct {
		name    string
		cpus    []int
		wantErr string
	}{
		{"cpu-not-allowed", []int{-1, -1}, "goroutine 0: affinity: pin to CPU -1"},
		{"too-few-cpus", []int{0}, "2 goroutines but only 1 CPUs"},
	}
	if runtime.GOOS != "linux" {
		tests[0].wantErr = "unsupported operation"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newCounters(packed, 2)
			require.NoError(t, err)
			tm := &fakeTimer{c: c}
			err = runAdds(tm, c, 10, tt.cpus)
			assert.ErrorContains(t, err, tt.wantErr)
			assert.Empty(t, tm.events, "the timer ran although pinning failed")
			assert.Zero(t, c.sum(), "adds ran although pinning failed")
		})
	}
}

// TestPlanFitsRun checks that the plan TestMain printed covers every
// goroutine count of this run, so that no benchmark has to fail for it.
func TestPlanFitsRun(t *testing.T) {
	plan := runPlan()
	if plan.cpus == nil {
		t.Skipf("pinning is off: %s", plan.why)
	}
	want := maxGoroutines([]int{runtime.GOMAXPROCS(0)}, testing.Short())
	assert.GreaterOrEqual(t, len(plan.cpus), want)
}
