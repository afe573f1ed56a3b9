package falseshare

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/internal/affinity"
)

// pinPlan is decided once per run, in TestMain, and printed as the config
// lines "pinning" and "pinned-cpus". A result file never mixes pinned and
// unpinned results: when any goroutine count of the run cannot be pinned,
// the whole run is unpinned.
type pinPlan struct {
	// cpus[i] is the CPU goroutine i is pinned to; nil means unpinned.
	cpus []int
	// why says why pinning is off; empty when it is on.
	why string
}

// config returns the values of the "pinning" and "pinned-cpus" lines.
func (p pinPlan) config() (pinning, pinnedCPUs string) {
	if p.cpus == nil {
		return "off", "unknown"
	}
	s := make([]string, len(p.cpus))
	for i, c := range p.cpus {
		s[i] = strconv.Itoa(c)
	}
	return "on", strings.Join(s, ",")
}

// pinner is the part of package affinity the probe uses, so tests can make
// it fail.
type pinner struct {
	allowed func() ([]int, error)
	pin     func(cpu int) (restore func() error, err error)
}

var osPinner = pinner{allowed: affinity.Allowed, pin: affinity.Pin}

// probePinning decides whether maxG goroutines can each be pinned to a
// distinct CPU: it reads the allowed set, then, on a locked thread, pins to
// each CPU it would use and restores the mask. Any failure (unsupported OS,
// EPERM, EINVAL, too few CPUs) gives an unpinned plan that says why.
func probePinning(p pinner, maxG int) pinPlan {
	var plan pinPlan
	done := make(chan struct{})
	// A fresh goroutine, so the caller's thread is never narrowed. The thread
	// is handed back only after a successful restore (see runAdds).
	go func() {
		defer close(done)
		runtime.LockOSThread()
		allowed, err := p.allowed()
		if err != nil {
			runtime.UnlockOSThread()
			plan.why = err.Error()
			return
		}
		if len(allowed) < maxG {
			runtime.UnlockOSThread()
			plan.why = fmt.Sprintf("%d goroutines but only %d allowed CPUs %v; run with -short or -cpu values up to %d to pin", maxG, len(allowed), allowed, len(allowed))
			return
		}
		cpus := allowed[:maxG]
		for _, cpu := range cpus {
			restore, err := p.pin(cpu)
			if err != nil {
				runtime.UnlockOSThread() // a failed pin leaves the mask unchanged
				plan.why = err.Error()
				return
			}
			if err := restore(); err != nil {
				plan.why = err.Error()
				return // still locked: the runtime destroys the thread
			}
		}
		runtime.UnlockOSThread()
		plan.cpus = slices.Clone(cpus)
	}()
	<-done
	return plan
}

// parseCPUList parses the value of go test's -cpu flag ("1,2,4"). It returns
// nil when the flag is unset or not a list of positive integers, in which
// case the testing package uses (or rejects) it and GOMAXPROCS stays as is.
func parseCPUList(s string) []int {
	var procs []int
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil
		}
		procs = append(procs, n)
	}
	return procs
}

// maxGoroutines returns the largest goroutine count a run will use, given
// the GOMAXPROCS values it will run at.
func maxGoroutines(procs []int, short bool) int {
	m := 0
	for _, p := range procs {
		m = max(m, slices.Max(goroutineCounts(p, short)))
	}
	return m
}
