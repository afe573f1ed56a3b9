package harness

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
	"github.com/benchrig/benchrig/internal/scratch"
)

// LoadWatch records what else used the machine while a benchmark's loop
// ran: CPU time of other processes, steal time, and other live benchrig
// runs in the same BENCHRIG_DIR. [Meter] keeps one (StartMeter to
// Meter.Report); benchmarks without a Meter use [WatchLoad].
type LoadWatch struct {
	t0   time.Time
	cpu0 platform.CPUStat
	own0 time.Duration
	runs []string // other live run locks seen at start
	ok   bool     // the CPU counters could be read
	base string   // BENCHRIG_DIR, "" when unknown
}

// WatchLoad starts watching the machine's load; call it right before the
// timed loop and [LoadWatch.Report] right after it.
func WatchLoad(tb testing.TB) *LoadWatch {
	tb.Helper()
	w := &LoadWatch{}
	if base, err := benchDir(false); err == nil {
		w.base = base
	}
	w.runs = liveRuns(w.base)
	cpu, own, err := cpuNow()
	w.t0, w.cpu0, w.own0, w.ok = time.Now(), cpu, own, err == nil
	return w
}

// cpuNow returns the machine's CPU counters and the CPU time this process
// and its waited-for children used.
func cpuNow() (platform.CPUStat, time.Duration, error) {
	cpu, err := platform.ReadCPUStat()
	if err != nil {
		return cpu, 0, err
	}
	self, err := platform.Getrusage(platform.Self)
	if err != nil {
		return cpu, 0, err
	}
	kids, err := platform.Getrusage(platform.Children)
	if err != nil {
		return cpu, 0, err
	}
	return cpu, self.CPU + kids.CPU, nil
}

// Report reports, for the loop since WatchLoad: other-cpus, the CPUs' worth
// of CPU time used by other processes (machine-wide busy time from
// /proc/stat minus this process's and its waited-for children's CPU time,
// divided by the loop's wall time; /proc/stat counts in 10 ms ticks, so
// short loops read coarse, and a negative difference reads 0); steal-cpus,
// steal time likewise; and other-runs, the other live benchrig runs in
// BENCHRIG_DIR seen at the start or the end, with a note naming them when
// there are any. Where the counters cannot be read (not Linux) the CPU
// units are left out, never reported as zero.
func (w *LoadWatch) Report(b *testing.B) {
	b.Helper()
	end := liveRuns(w.base)
	runs := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(w.runs), end...))))
	if w.base != "" {
		b.ReportMetric(float64(len(runs)), "other-runs")
	}
	if len(runs) > 0 {
		Note("%s: %d other benchrig run(s) live in %s during the loop (%s): they compete for the CPUs, the disk and the page cache, so this result is contaminated; run one benchmark process at a time", b.Name(), len(runs), w.base, strings.Join(runs, ", "))
	}
	cpu, own, err := cpuNow()
	wall := time.Since(w.t0).Seconds()
	if !w.ok || err != nil || wall <= 0 {
		return
	}
	other, steal := loadMetrics(w.cpu0, cpu, own-w.own0, wall)
	b.ReportMetric(other, "other-cpus")
	b.ReportMetric(steal, "steal-cpus")
}

// loadMetrics returns the CPUs' worth of busy time others used and of steal
// time between two /proc/stat readings wall seconds apart, during which this
// process and its children used own; tick rounding can make the difference
// negative, which reads 0.
func loadMetrics(from, to platform.CPUStat, own time.Duration, wall float64) (other, steal float64) {
	other = (to.Busy - from.Busy - own).Seconds() / wall
	steal = (to.Steal - from.Steal).Seconds() / wall
	return max(other, 0), max(steal, 0)
}

// liveRuns returns the names of the other benchrig runs live in base, each
// counted once (see [scratch.LiveRuns]): this process's own run and the
// runs of its ancestors (cmd/benchrig's scratch) do not count.
func liveRuns(base string) []string { return scratch.LiveRuns(base, theRun.lockPath()) }
