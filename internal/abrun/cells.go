package abrun

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"
)

// cellWatch passes a test binary's stdout through to the results file and
// reports its progress on log: a line per finished cell (sub-benchmark)
// with its package's count and an ETA, and, when a cell runs long, a line
// every quiet interval naming it, so a run is never silent for long.
type cellWatch struct {
	out, log io.Writer
	prefix   string // "iteration 2 of 10, falseshare"
	cells    int    // cells the package ran last iteration; 0 if unknown
	quiet    time.Duration

	mu      sync.Mutex
	buf     []byte // the unfinished line
	done    int
	start   time.Time
	last    time.Time // last report
	stopped chan struct{}
}

func newCellWatch(out, log io.Writer, prefix string, cells int, quiet time.Duration) *cellWatch {
	now := time.Now()
	w := &cellWatch{out: out, log: log, prefix: prefix, cells: cells, quiet: quiet, start: now, last: now, stopped: make(chan struct{})}
	go w.heartbeat()
	return w
}

func (w *cellWatch) Write(p []byte) (int, error) {
	n, err := w.out.Write(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p[:n]...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.line(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	return n, err
}

// line reports a finished cell: a benchmark result line.
func (w *cellWatch) line(l string) {
	name, rest, ok := strings.Cut(l, "\t")
	if !ok || !strings.HasPrefix(name, "Benchmark") || strings.TrimSpace(rest) == "" {
		return
	}
	w.done++
	el := time.Since(w.start)
	count, eta := fmt.Sprintf("%d", w.done), ""
	if w.cells > 0 {
		count = fmt.Sprintf("%d of %d", w.done, w.cells)
		eta = ", package ETA " + dur(el/time.Duration(w.done)*time.Duration(max(w.cells-w.done, 0)))
	}
	fmt.Fprintf(w.log, "benchrig: %s: cell %s done, %s (%s%s)\n", w.prefix, count, strings.TrimSpace(name), dur(el), eta)
	w.last = time.Now()
}

// heartbeat names the running cell when nothing was reported for a quiet
// interval: the testing package prints a cell's name before running it.
func (w *cellWatch) heartbeat() {
	t := time.NewTicker(w.quiet / 4)
	defer t.Stop()
	for {
		select {
		case <-w.stopped:
			return
		case <-t.C:
			w.mu.Lock()
			if time.Since(w.last) >= w.quiet {
				running := strings.TrimSpace(string(w.buf))
				if running == "" {
					running = "its setup (preparing data, evicting caches)"
				}
				fmt.Fprintf(w.log, "benchrig: %s: still running %s, %s into the package\n", w.prefix, running, dur(time.Since(w.start)))
				w.last = time.Now()
			}
			w.mu.Unlock()
		}
	}
}

// finish stops the heartbeat and returns the cells the package ran.
func (w *cellWatch) finish() int {
	close(w.stopped)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.done
}

// shortPkg is a package's last element, for progress lines.
func shortPkg(pkg string) string { return path.Base(pkg) }

// heartbeat runs fn, saying on log every quiet interval that what is
// still going, so a long compile or module download is never silent.
func heartbeat(log io.Writer, what string, quiet time.Duration, fn func() error) error {
	done := make(chan struct{})
	start := time.Now()
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(quiet)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fmt.Fprintf(log, "benchrig: still %s, %s\n", what, dur(time.Since(start)))
			}
		}
	})
	err := fn()
	close(done)
	wg.Wait()
	return err
}
