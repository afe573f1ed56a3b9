package abrun

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/benchrig/benchrig/internal/cpuload"
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

	measure func(context.Context, time.Duration) (float64, error) // nil: cpuload.Busy
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
		measure = cpuload.Busy
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
				fmt.Fprintf(stderr, "benchrun: -quiet: CPU load is unknown on %s (%v); not waiting\n", runtime.GOOS, err)
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
			fmt.Fprintf(w, "# benchrig: %s\n", note)
		}
		return nil
	}
}
