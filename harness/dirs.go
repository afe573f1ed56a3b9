package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/internal/platform"
)

// Dir returns a fresh, empty directory for this benchmark under the run dir in
// BENCHRIG_DIR, removed when tb ends. It skips tb (naming bytes needed and
// bytes free, and the fix) when the filesystem has less than need bytes free.
func Dir(tb testing.TB, need int64) string {
	tb.Helper()
	parkIfInterrupted()
	run, err := theRun.dir()
	if err != nil {
		skipOrFatal(tb, "scratch dir", err)
	}
	requireFree(tb, run, need)
	d, err := os.MkdirTemp(run, safeName(tb.Name())+"-")
	if err != nil {
		tb.Fatalf("harness.Dir: %v", err)
	}
	tb.Cleanup(func() {
		if err := RemoveAll(d); err != nil {
			tb.Errorf("harness.Dir cleanup: %v", err)
		}
	})
	return d
}

// Shared returns a directory named name under the run dir that lives for the
// whole run (removed by Main), for data built once per run and reused across
// benchmarks (a directio data file, generated module trees). The first call
// creates it and checks need bytes free as Dir does; later calls return the
// same path. It is safe for concurrent use.
func Shared(tb testing.TB, name string, need int64) string {
	tb.Helper()
	parkIfInterrupted()
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		tb.Fatalf("harness.Shared: name %q must be a single path element", name)
	}
	theRun.mu.Lock()
	defer theRun.mu.Unlock()
	if p, ok := theRun.shared[name]; ok {
		return p
	}
	run, err := theRun.dirLocked()
	if err != nil {
		skipOrFatal(tb, "shared scratch dir", err)
	}
	requireFree(tb, run, need)
	p := filepath.Join(run, sharedPref+name)
	if err := os.Mkdir(p, 0o755); err != nil {
		tb.Fatalf("harness.Shared: %v", err)
	}
	if theRun.shared == nil {
		theRun.shared = map[string]string{}
	}
	theRun.shared[name] = p
	return p
}

// requireFree skips tb when dir's filesystem has fewer than need bytes free.
func requireFree(tb testing.TB, dir string, need int64) {
	tb.Helper()
	RequireFree(tb, dir, need, envDir)
}

// RequireFree skips tb, naming the bytes needed and free, when dir's
// filesystem has fewer than need bytes free; the skip tells the user to
// free space or set the variable knob (e.g. BENCHRIG_DIR, or a family knob
// that places files elsewhere) to a directory with more room.
func RequireFree(tb testing.TB, dir string, need int64, knob string) {
	tb.Helper()
	fsi, err := platform.Statfs(dir)
	if err != nil {
		skipOrFatal(tb, "free space check", err)
	}
	if free := fsi.Free(); free < need {
		Skipf(tb, "needs %d bytes (%s), %d (%s) free on %s at %s; free space or set %s to a directory with more room",
			need, mib(need), free, mib(free), fsi.Name, dir, knob)
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// safeName turns a test name into one path element.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == '=':
		default:
			b[i] = '_'
		}
	}
	if len(b) > 100 {
		b = b[:100]
	}
	return string(b)
}
