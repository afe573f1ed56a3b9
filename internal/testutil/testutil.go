// Package testutil is the one home of the test helpers benchrig's packages
// share: platform preconditions and golden files. A test that needs one of
// these uses this package; none writes its own copy.
package testutil

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Update is the -update flag of every package that has golden files:
// go test ./PKG -run TestX -update rewrites them from what the code now
// produces. Review the diff before committing.
var Update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

// RequireLinux skips tb, with the reason, on other operating systems: the
// page cache, block-device and rusage accounting, flock-ed run dirs and the
// syscalls under internal/ are Linux-only.
func RequireLinux(tb testing.TB) {
	tb.Helper()
	if runtime.GOOS != "linux" {
		tb.Skipf("needs Linux (page cache, block-device and rusage accounting), this is %s", runtime.GOOS)
	}
}

// Golden compares got with the golden file at path (relative to the
// package directory, under testdata/) and, with -update, first rewrites the
// file from got.
func Golden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *Update {
		require.NoError(tb, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(tb, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "golden file %s is missing; run go test -run '%s' -update in its package to create it", path, tb.Name())
	assert.Equal(tb, string(want), string(got), "golden file %s differs; if the change is intended, run go test -run '%s' -update in its package and review the diff", path, tb.Name())
}

// RequireOtherOS skips tb on Linux, where the real implementations are
// tested: it guards the tests of the other-OS stubs. GOOS=js GOARCH=wasm go
// test -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" runs them on a
// Linux machine with node.
func RequireOtherOS(tb testing.TB) {
	tb.Helper()
	if runtime.GOOS == "linux" {
		tb.Skip("Linux has the real implementation; this checks the other-OS stubs")
	}
}

// AssertUnsupported checks that every call's error (by name) wraps
// errors.ErrUnsupported: off Linux a stub never returns a zero value as if
// it had worked.
func AssertUnsupported(tb testing.TB, errs map[string]error) {
	tb.Helper()
	for name, err := range errs {
		assert.ErrorIs(tb, err, errors.ErrUnsupported, name)
	}
}

// EachPrefix calls read on every byte prefix of data and checks that read
// accepts (returns nil) exactly the prefixes that end at a line's end and
// whose count of whole lines complete accepts: a truncated result file
// must be refused unless it ends right after a block's closing line.
func EachPrefix(t *testing.T, data string, complete func(lines int) bool, read func(prefix string) error) {
	t.Helper()
	n := 0 // whole lines in data[:i]
	for i := 1; i <= len(data); i++ {
		whole := data[i-1] == '\n'
		if whole {
			n++
		}
		err := read(data[:i])
		if whole && complete(n) {
			require.NoError(t, err, "prefix of %d whole lines", n)
		} else {
			require.Error(t, err, "prefix of %d bytes (%d whole lines)", i, n)
		}
	}
}
