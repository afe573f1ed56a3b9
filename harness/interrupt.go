package harness

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/platform"
	"github.com/benchrig/benchrig/internal/resultfile"
	"github.com/benchrig/benchrig/internal/scratch"
)

// InterruptedKey is the config key of the one line Main writes to stdout when
// SIGINT or SIGTERM ends a run: "interrupted: sigint" or "interrupted:
// sigterm". Results before it are real; a benchmark that was running when the
// signal came has no result line, and nothing after the signal is printed.
// The key is resultfile's, which every reader of result files uses.
const InterruptedKey = resultfile.InterruptedKey

// stopWait bounds how long the handler waits for killed processes to be gone
// before it removes the run dir anyway.
const stopWait = 5 * time.Second

// interrupted is set once a signal's handler owns the end of the process.
var interrupted atomic.Bool

// ending decides who ends the process: the signal handler or Main's own
// return. Whichever locks mu first owns the ending and never unlocks it, so
// the other blocks until the process exits. That is what makes the exit
// status 130 or 143 every time a signal wins: the benchmarks that fail when
// their scratch vanishes cannot make m.Run return into Main's os.Exit(1).
type ending struct {
	mu      sync.Mutex
	lines   *lineOut // stdout, and the notes held for its open line
	stderr  io.Writer
	keys    []string    // the family's config keys, unset after the line
	printed atomic.Bool // config lines (so the keys) were printed
}

// claim makes Main the owner of the ending, or blocks forever when a
// signal's handler owns it.
func (e *ending) claim() { e.mu.Lock() }

// watch handles SIGINT and SIGTERM until the process ends.
func (e *ending) watch() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() { os.Exit(e.interrupt(<-ch)) }()
}

// interrupt owns the ending: it silences stdout and stderr for everyone else
// (so benchmarks failing on the vanishing scratch print no "--- FAIL"
// lines) once the results printed before the signal reached stdout, writes
// the interrupted line and unsets the family's keys, kills
// this run's child processes and any other process this run started,
// removes the run dir, and returns the exit status, 128+signal.
func (e *ending) interrupt(sig os.Signal) int {
	e.mu.Lock() // never unlocked: the process ends here
	interrupted.Store(true)
	name, code := "sigint", 130
	if sig == syscall.SIGTERM {
		name, code = "sigterm", 143
	}
	log := divert(e.stderr)
	// Results printed before the signal are drained to stdout first.
	out := e.lines.interrupt(log, drainWait)
	fmt.Fprintf(out, "%s: %s\n", InterruptedKey, name)
	if e.printed.Load() {
		unsetKeys(out, e.keys)
	}
	stopProcesses(log)
	if err := theRun.closeInterrupted(); err != nil {
		fmt.Fprintf(log, logPrefix+"%s: %v\n", name, err)
	} else {
		fmt.Fprintf(log, logPrefix+"%s: stopped the benchmarks and removed this run's scratch dir\n", name)
	}
	return code
}

// divert returns a writer that reaches what w reached, after pointing w's
// descriptor at /dev/null for every other writer; w itself when it is not a
// file or the platform cannot.
func divert(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return w
	}
	saved, err := platform.Divert(f)
	if err != nil {
		return w
	}
	return saved
}

// stopProcesses kills this run's children's process groups, waits for them,
// then kills every other process this run started that is still alive (a
// grandchild that left its group), so none writes in the run dir while it
// is removed.
func stopProcesses(log io.Writer) {
	child.KillAll()
	for t0 := time.Now(); child.Live() > 0 && time.Since(t0) < stopWait; {
		time.Sleep(5 * time.Millisecond)
	}
	pids, err := scratch.KillOwn(stopWait)
	if len(pids) > 0 {
		fmt.Fprintf(log, logPrefix+"killed %d process(es) %v that this run started and that outlived their group\n", len(pids), pids)
	}
	if err != nil && !errors.Is(err, errors.ErrUnsupported) {
		fmt.Fprintf(log, logPrefix+"%v\n", err)
	}
}

// parkIfInterrupted blocks the calling benchmark for good once a signal's
// handler owns the ending: the handler is removing the run dir and exiting,
// and no new scratch may appear meanwhile.
func parkIfInterrupted() {
	if interrupted.Load() {
		select {}
	}
}

// closeInterrupted closes the run while benchmarks may still be running
// (silenced, about to be ended by the exit): it first renames the run dir,
// so their paths into it stop resolving and nothing new appears in what is
// being removed, removes the renamed tree, and repeats if a benchmark
// recreated the old path meanwhile. A renamed dir, run-X.removing-N, still
// belongs to run-X's lock (and keeps its marker), so a death right here
// leaves it to the next run's sweep.
func (r *run) closeInterrupted() error {
	p := r.current()
	for i := 0; p != "" && i < 5; i++ {
		gone := fmt.Sprintf("%s.removing-%d", p, i)
		if err := os.Rename(p, gone); err != nil {
			break // gone already, or close reports why
		}
		if err := removeSettled(gone); err != nil {
			return fmt.Errorf("remove run dir: %w (the next benchmark run sweeps it)", err)
		}
	}
	return r.close()
}

// removeSettled removes path, retrying while processes that were killed
// an instant ago still release it.
func removeSettled(path string) error {
	var err error
	for range 5 {
		if err = RemoveAll(path); err == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return err
}
