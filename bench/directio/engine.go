package directio

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/uring"
)

// The I/O engines, the engine= axis (doc.go says why each exists).
const (
	psync       = "psync" // pread/pwrite through the runtime's syscall path, qd goroutines
	raw         = "raw"   // pread/pwrite through RawSyscall6 on locked threads, qd goroutines
	uringEngine = "uring" // one io_uring, qd requests in flight, one locked goroutine
)

// engines are the knob's engine names, in the order the matrix runs them.
var engines = []string{psync, raw, uringEngine}

// knobEngine is the engine knob, BENCHRIG_DIRECTIO_ENGINE.
const knobEngine = "ENGINE"

// parseEngines parses the value v of the engine knob env: psync, raw, uring
// or all, or a comma list of them. It returns the selected engines in
// matrix order, or nil for an empty v (the knob unset: the default cells).
func parseEngines(env, v string) ([]string, error) {
	if v == "" {
		return nil, nil
	}
	var sel []string
	for f := range strings.SplitSeq(v, ",") {
		switch e := strings.TrimSpace(f); {
		case e == "all":
			sel = append(sel, engines...)
		case slices.Contains(engines, e):
			sel = append(sel, e)
		default:
			return nil, fmt.Errorf("%s=%s: unknown engine %q; set %s to psync, raw, uring or all, or a comma list of them (e.g. %s=psync,uring), or unset it for the default (psync and a few raw and uring cells)", env, v, e, env, env)
		}
	}
	var out []string
	for _, e := range engines {
		if slices.Contains(sel, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// rawMaxQD is the deepest queue engine=raw may run: GOMAXPROCS-1. A
// goroutine blocked in a raw pread holds its P (the runtime does not know it
// is in the kernel), so qd of them hold qd Ps; one P must stay free for the
// rest of the process (the benchmark goroutine, the GC's stop-the-world and
// mark workers, timers, the harness's own goroutines), or the process can
// only run again when a request completes.
func rawMaxQD() int { return runtime.GOMAXPROCS(0) - 1 }

// requireEngine skips tb when c's engine cannot run here: engine=raw beyond
// rawMaxQD, engine=uring where the setup probe found io_uring unavailable.
func requireEngine(tb testing.TB, c ioCase, cfg config) {
	tb.Helper()
	switch c.engine {
	case raw:
		if limit := rawMaxQD(); c.qd > limit {
			harness.Skipf(tb, "engine=raw needs qd ≤ GOMAXPROCS-1 (%d here): each raw pread holds a P while it blocks, and one P must stay free for the rest of the process; run with GOMAXPROCS=%d or more (Ps held by blocked requests use no CPU, so GOMAXPROCS may exceed the CPU count)", limit, c.qd+1)
		}
	case uringEngine:
		switch err := cfg.uringErr; {
		case errors.Is(err, uring.ErrUnavailable):
			harness.Skipf(tb, "engine=uring: %v; or leave uring out with %s=psync,raw", err, knob(knobEngine))
		case err != nil:
			tb.Fatalf("directio: probing io_uring: %v", err)
		}
	}
}
