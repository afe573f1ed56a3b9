package affinity_test

import (
	"fmt"
	"runtime"

	"github.com/benchrig/benchrig/internal/affinity"
)

// Pin a goroutine's thread to the first allowed CPU, do some work there, and
// restore the mask before handing the thread back to the Go scheduler.
func ExamplePin() {
	done := make(chan error)
	go func() {
		runtime.LockOSThread()
		cpus, err := affinity.Allowed()
		if err != nil {
			runtime.UnlockOSThread() // nothing was narrowed
			done <- err
			return
		}
		restore, err := affinity.Pin(cpus[0])
		if err != nil {
			runtime.UnlockOSThread() // a failed Pin leaves the mask unchanged
			done <- err
			return
		}
		// ... work that must stay on cpus[0] ...
		if err := restore(); err != nil {
			// Return while still locked: the runtime destroys the thread
			// instead of reusing it with a narrowed mask.
			done <- err
			return
		}
		runtime.UnlockOSThread()
		done <- nil
	}()
	if err := <-done; err != nil {
		fmt.Println("running unpinned:", err)
	}
}
