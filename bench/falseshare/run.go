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
		start       = make(chan struct{})
		abort       atomic.Bool
		arrived     atomic.Int64
		errs        = make([]error, g)
		// With fewer Ps than goroutines a spinning goroutine would hold a P
		// that a goroutine still waking up needs, until async preemption.
		yield = g > runtime.GOMAXPROCS(0)
	)
	ready.Add(g)
	done.Add(g)
	for i := range g {
		go func() {
			defer done.Done()
			runtime.LockOSThread()
			var restore func() error
			if cpus != nil {
				r, err := affinity.Pin(cpus[i])
				if err != nil {
					errs[i] = fmt.Errorf("goroutine %d: %w", i, err)
					ready.Done()
					runtime.UnlockOSThread() // a failed Pin leaves the mask unchanged
					return
				}
				restore = r
			}
			ready.Done()
			<-start
			if !abort.Load() {
				// Closing start wakes the parked goroutines one by one; meet
				// here so that they all begin adding at the same time.
				arrived.Add(1)
				for arrived.Load() < int64(g) {
					if yield {
						runtime.Gosched()
					}
				}
				p := c.ptrs[i]
				for range n {
					p.Add(1)
				}
			}
			if restore != nil {
				if err := restore(); err != nil {
					errs[i] = fmt.Errorf("goroutine %d: %w", i, err)
					return // still locked: the runtime destroys this thread
				}
			}
			runtime.UnlockOSThread()
		}()
	}
	ready.Wait()
	if err := errors.Join(errs...); err != nil {
		abort.Store(true)
		close(start)
		done.Wait()
		return err
	}
	tm.ResetTimer()
	close(start)
	done.Wait()
	tm.StopTimer()
	return errors.Join(errs...)
}
