package falseshare

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/benchrig/benchrig/internal/affinity"
)

// timer is the part of *testing.B that runAdds drives, so that a test can
// check when the timed region starts and ends.
type timer interface {
	ResetTimer()
	StopTimer()
}

// runAdds starts one goroutine per counter of c, each doing n atomic adds on
// its own counter, and times them with tm: the timer is reset right before
// the goroutines are released and stopped when the last one has finished.
//
// When cpus is not nil, goroutine i locks its OS thread and pins it to
// cpus[i] before it reports ready, so thread start-up and pinning stay out of
// the timed region. A pinned thread restores its original mask before
// runtime.UnlockOSThread: that hands the runtime back a thread exactly as it
// was (cheaper than destroying it, and safe even when the goroutine happens to
// run on the main thread, which the runtime wedges instead of destroying). If
// the restore fails, the goroutine returns while still locked, so the runtime
// destroys the thread rather than reusing it with a narrowed mask.
func runAdds(tm timer, c *counters, n int, cpus []int) error {
	g := len(c.ptrs)
	if cpus != nil && len(cpus) < g {
		return fmt.Errorf("falseshare: %d goroutines but only %d CPUs to pin them to (%v)", g, len(cpus), cpus)
	}
	var (
		ready, done sync.WaitGroup
		r           = race{start: make(chan struct{}), g: g, errs: make([]error, g)}
	)
	// With fewer Ps than goroutines a spinning goroutine would hold a P that
	// a goroutine still waking up needs, until async preemption.
	r.yield = g > runtime.GOMAXPROCS(0)
	ready.Add(g)
	done.Add(g)
	for i := range g {
		go func() {
			defer done.Done()
			var cpu *int // nil: unpinned
			if cpus != nil {
				cpu = &cpus[i]
			}
			r.adder(i, c.ptrs[i], n, cpu, &ready)
		}()
	}
	ready.Wait()
	if err := errors.Join(r.errs...); err != nil {
		r.abort.Store(true)
		close(r.start)
		done.Wait()
		return err
	}
	tm.ResetTimer()
	close(r.start)
	done.Wait()
	tm.StopTimer()
	return errors.Join(r.errs...)
}

// race is what the goroutines of one runAdds share.
type race struct {
	start   chan struct{} // closed to release the goroutines
	abort   atomic.Bool   // set when a goroutine failed to pin: nobody adds
	arrived atomic.Int64  // goroutines past start
	g       int
	yield   bool
	errs    []error // errs[i] is goroutine i's error
}

// adder is goroutine i of runAdds: it locks its OS thread, pins it to *cpu
// (unless cpu is nil), reports ready, waits for the start, does n adds on p
// once every goroutine has arrived, and restores its thread.
func (r *race) adder(i int, p *atomic.Uint64, n int, cpu *int, ready *sync.WaitGroup) {
	runtime.LockOSThread()
	var restore func() error
	if cpu != nil {
		rs, err := affinity.Pin(*cpu)
		if err != nil {
			r.errs[i] = fmt.Errorf("goroutine %d: %w", i, err)
			ready.Done()
			runtime.UnlockOSThread() // a failed Pin leaves the mask unchanged
			return
		}
		restore = rs
	}
	ready.Done()
	<-r.start
	if !r.abort.Load() {
		// Closing start wakes the parked goroutines one by one; meet here so
		// that they all begin adding at the same time.
		r.arrived.Add(1)
		for r.arrived.Load() < int64(r.g) {
			if r.yield {
				runtime.Gosched()
			}
		}
		for range n {
			p.Add(1)
		}
	}
	if restore != nil {
		if err := restore(); err != nil {
			r.errs[i] = fmt.Errorf("goroutine %d: %w", i, err)
			return // still locked: the runtime destroys this thread
		}
	}
	runtime.UnlockOSThread()
}
