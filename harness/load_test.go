package harness

import (
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/platform"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestLoadMetrics(t *testing.T) {
	s := func(busy, steal time.Duration) platform.CPUStat { return platform.CPUStat{Busy: busy, Steal: steal} }
	for _, tc := range []struct {
		name         string
		from, to     platform.CPUStat
		own          time.Duration
		wall         float64
		other, steal float64
	}{
		{"idle", s(10*time.Second, 0), s(10*time.Second, 0), 0, 1, 0, 0},
		{"only us", s(0, 0), s(2*time.Second, 0), 2 * time.Second, 2, 0, 0},
		{"one other cpu", s(0, 0), s(3*time.Second, 0), time.Second, 2, 1, 0},
		{"steal", s(0, time.Second), s(time.Second, 3*time.Second), time.Second, 4, 0, 0.5},
		{"tick rounding", s(0, 0), s(10*time.Millisecond, 0), 15 * time.Millisecond, 0.1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other, steal := loadMetrics(tc.from, tc.to, tc.own, tc.wall)
			assert.InDelta(t, tc.other, other, 1e-9)
			assert.InDelta(t, tc.steal, steal, 1e-9)
		})
	}
}

// watchedLoop runs a benchmark in this process whose loop lasts at least d,
// watched by WatchLoad.
func watchedLoop(d time.Duration) testing.BenchmarkResult {
	return testing.Benchmark(func(b *testing.B) {
		w := WatchLoad(b)
		t0 := time.Now()
		for b.Loop() {
			time.Sleep(time.Millisecond)
		}
		for time.Since(t0) < d {
			time.Sleep(time.Millisecond)
		}
		w.Report(b)
	})
}

// TestWatchLoadOtherRuns: a live run in the same BENCHRIG_DIR counts, this
// process's own run does not.
func TestWatchLoadOtherRuns(t *testing.T) {
	testutil.RequireLinux(t)
	base := useBase(t)
	_, err := theRun.dir()
	require.NoError(t, err)
	assert.Equal(t, 0.0, watchedLoop(0).Extra["other-runs"], "our own run is not another")

	_, release := holdRun(t, base)
	assert.Equal(t, 1.0, watchedLoop(0).Extra["other-runs"])
	release()
	assert.Equal(t, 0.0, watchedLoop(0).Extra["other-runs"], "an ended run is not live")
}

// TestWatchLoadOtherCPUs: a process spinning on a CPU during the loop shows
// in other-cpus; the sleeping loop's own time does not.
func TestWatchLoadOtherCPUs(t *testing.T) {
	testutil.RequireLinux(t)
	spin := exec.Command("sh", "-c", "while :; do :; done")
	require.NoError(t, spin.Start())
	t.Cleanup(func() {
		_ = spin.Process.Kill()
		_ = spin.Wait()
	})
	r := watchedLoop(300 * time.Millisecond)
	t.Logf("other-cpus %.2f, steal-cpus %.2f (this machine is shared: other work counts too)", r.Extra["other-cpus"], r.Extra["steal-cpus"])
	assert.Greater(t, r.Extra["other-cpus"], 0.1, "the spinner used CPU during the loop")
	assert.GreaterOrEqual(t, r.Extra["steal-cpus"], 0.0)
	cpus, err := platform.OnlineCPUs()
	require.NoError(t, err)
	assert.LessOrEqual(t, r.Extra["other-cpus"], float64(cpus)+0.5, "never more CPUs than the machine has, beyond tick rounding")
}
