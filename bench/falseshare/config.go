package falseshare

import (
	"flag"
	"runtime"
	"sync"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// name is the family's name: the package name, and the FAMILY of its knobs
// (it has none: the goroutine counts follow GOMAXPROCS and -short).
const name = "falseshare"

// runPlan is the run's pinning plan, decided once: by setup before any
// benchmark runs, or by the first test that asks. It depends on -short and on
// the GOMAXPROCS values of -cpu, so it is decided after flags are parsed.
var runPlan = sync.OnceValue(func() pinPlan {
	procs := []int{runtime.GOMAXPROCS(0)}
	if f := flag.Lookup("test.cpu"); f != nil {
		if l := parseCPUList(f.Value.String()); l != nil {
			procs = l
		}
	}
	return probePinning(osPinner, maxGoroutines(procs, testing.Short()))
})

// setup is the family's harness.Family.Setup: it decides the pinning plan
// and returns it as the pinning and pinned-cpus config lines, with a note
// saying why when the run is unpinned.
func setup() ([]harness.Config, error) {
	plan := runPlan()
	if plan.cpus == nil {
		harness.Note("falseshare runs unpinned: %s", plan.why)
	}
	pinning, pinnedCPUs := plan.config()
	return []harness.Config{{Key: "pinning", Value: pinning}, {Key: "pinned-cpus", Value: pinnedCPUs}}, nil
}
