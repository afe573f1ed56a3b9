// Package testutil is the one home of the test helpers benchrig's packages
// share: platform preconditions and golden files. A test that needs one of
// these uses this package; none writes its own copy.
package testutil

import (
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
