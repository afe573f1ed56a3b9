package testutil

import (
	"os/exec"
	"testing"
)

// RequireGo skips tb, with the reason and the fix, when a test that runs the
// go command cannot or should not: under -short (such tests compile and
// take seconds each) or when no go command is on PATH. It returns the go
// command's path from exec.LookPath.
func RequireGo(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("runs the go command; skipped with -short (run without -short to include it)")
	}
	path, err := exec.LookPath("go")
	if err != nil {
		tb.Skipf("go command not found on PATH (%v); install Go or add its bin directory to PATH", err)
	}
	return path
}
