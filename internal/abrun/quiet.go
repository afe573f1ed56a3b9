package abrun

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
	"github.com/benchrig/benchrig/internal/resultfile"
)

// DefaultQuietBusy is the CPU use (busy fraction of all CPUs over
// QuietWindow, from /proc/stat) at or below which the machine counts as
// quiet.
const DefaultQuietBusy = 0.10

// QuietWindow is the window over which CPU use is measured.
const QuietWindow = time.Second

// Quiet is the bounded wait for a quiet machine before each pair, as the
// Go performance builders wait for a low load average. The zero value
// does not wait.
type Quiet struct {
	Max  time.Duration // the longest wait before one pair; 0: do not wait
	Busy float64       // quiet at or below this busy fraction; 0: DefaultQuietBusy

	measure func(context.Context, time.Duration) (float64, error) // nil: busyOver
	noted   bool
}

// wait waits until the machine is quiet or q.Max has passed, and records
// how long it waited, and how busy the machine was, as a "# benchrig:"
// note (not a config line) in each results file and on stderr.
func (q *Quiet) wait(ctx context.Context, pair int, a, b, stderr io.Writer) error {
	if q == nil || q.Max <= 0 {
		return nil
	}
	measure, limit := q.measure, q.Busy
	if measure == nil {
		measure = busyOver
	}
	if limit == 0 {
		limit = DefaultQuietBusy
	}
	start := time.Now()
	for {
		busy, err := measure(ctx, QuietWindow)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if !q.noted {
				fmt.Fprintf(stderr, "benchrig: -quiet: CPU load is unknown on %s (%v); not waiting\n", runtime.GOOS, err)
				q.noted = true
			}
			return nil
		}
		waited := time.Since(start).Round(100 * time.Millisecond)
		var note string
		switch {
		case busy <= limit:
			note = fmt.Sprintf("pair %d: waited %s for a quiet machine (busy %.0f%% <= %.0f%%)", pair, waited, 100*busy, 100*limit)
		case waited >= q.Max:
			note = fmt.Sprintf("pair %d: waited %s, machine still busy (%.0f%% > %.0f%%); running anyway", pair, waited, 100*busy, 100*limit)
		default:
			continue
		}
		for _, w := range []io.Writer{a, b, stderr} {
			fmt.Fprintf(w, "%s%s\n", resultfile.NotePrefix, note)
		}
		return nil
	}
}

// busyOver returns the busy fraction of all CPUs over window, from two
// machine-wide CPU-time readings: busy and steal time over busy, idle and
// steal time.
func busyOver(ctx context.Context, window time.Duration) (float64, error) {
	a, err := platform.ReadCPUStat()
	if err != nil {
		return 0, fmt.Errorf("read CPU load: %w", err)
	}
	t := time.NewTimer(window)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
	}
	b, err := platform.ReadCPUStat()
	if err != nil {
		return 0, fmt.Errorf("read CPU load: %w", err)
	}
	return busyFraction(a, b), nil
}

// busyFraction is the share of CPU time between readings a and b that was
// not idle; 0 when no time passed or the counters went back.
func busyFraction(a, b platform.CPUStat) float64 {
	used := (b.Busy - a.Busy) + (b.Steal - a.Steal)
	idle := b.Idle - a.Idle
	if used < 0 || idle < 0 || used+idle <= 0 {
		return 0
	}
	return float64(used) / float64(used+idle)
}
