package modres

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestOwnInterruptedMidCopy reruns this test binary as a benchmark run of
// one tree=own cell on a module with many files, sends SIGINT as soon as
// the copy into scratch has begun, and checks that the run exits 130 with
// BENCHRIG_DIR empty (the copy went with the run dir) and the user's
// module and home unchanged.
func TestOwnInterruptedMidCopy(t *testing.T) {
	testutil.RequireGo(t)
	u := newFakeUser(t)
	for i := range 20000 {
		u.write(t, fmt.Sprintf("assets/d%03d/f%05d.txt", i/100, i), "asset\n")
	}
	before := snapshot(t, u.Home, u.Module)
	scratch := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkResolve$/^tool=golist/mode=mod/tree=own/cache=warm$", "-test.benchtime=1x")
	cmd.Env = append(os.Environ(), "BENCHRIG_DIR="+scratch, moduleEnv+"="+u.Module)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	copied := waitForGlob(filepath.Join(scratch, "run-*", "shared-modres-own", "tree", "app", "assets", "*"), 60*time.Second)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	dirs, _ := filepath.Glob(filepath.Join(scratch, "run-*", "shared-modres-own", "tree", "app", "assets", "*"))
	t.Logf("SIGINT with %d of 200 asset dirs copied", len(dirs))
	err := cmd.Wait()
	require.True(t, copied, "the copy never started:\n%s", &out)
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "want exit status 130, got %v:\n%s", err, &out)
	assert.Equal(t, 130, ee.ExitCode(), "%s", &out)
	left, err := os.ReadDir(scratch)
	require.NoError(t, err)
	assert.Empty(t, left, "the interrupted run left scratch behind")
	assert.Equal(t, before, snapshot(t, u.Home, u.Module), "the user's module and home are unchanged")
}

// waitForGlob polls until pattern matches something, for at most d.
func waitForGlob(pattern string, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return true
		}
	}
	return false
}
