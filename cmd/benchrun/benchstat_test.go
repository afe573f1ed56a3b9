package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBenchstatShInterruptLeavesNoTempDir interrupts benchstat.sh gate
// (its process group, as Ctrl-C does) while it builds the gate, and
// checks that its temporary dir is gone and the status is 130. A fake go
// on PATH holds the build until the signal.
func TestBenchstatShInterruptLeavesNoTempDir(t *testing.T) {
	testutil.RequireLinux(t)
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	bin, tmp, res := t.TempDir(), t.TempDir(), t.TempDir()
	ready := filepath.Join(t.TempDir(), "building")
	fakeGo := "#!/bin/sh\n: > " + ready + "\nexec sleep 60\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "go"), []byte(fakeGo), 0o755))
	for _, f := range []string{"a.txt", "b.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(res, f), []byte("BenchmarkX 1 1 ns/op\n"), 0o644))
	}
	cmd := exec.Command(script, "gate", filepath.Join(res, "a.txt"), filepath.Join(res, "b.txt"))
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "PATH="+bin+":"+os.Getenv("PATH"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { _, err := os.Stat(ready); return err == nil }, time.Minute, 10*time.Millisecond)
	require.NotEmpty(t, abruntest.Entries(t, tmp), "the script made its temp dir")
	require.NoError(t, syscall.Kill(-cmd.Process.Pid, syscall.SIGINT))
	err = cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, 130, ee.ExitCode())
	assert.Empty(t, abruntest.Entries(t, tmp), "temp dir removed on Ctrl-C")
}
