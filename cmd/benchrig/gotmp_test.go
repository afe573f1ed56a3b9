package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/abrun"
	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdTool is a -toolexec program that records its PID in $HOLD_READY and
// then holds the build (in place of the compiler or linker) until it is
// killed: the go command has made its work dir by then.
const holdTool = "#!/bin/sh\necho $$ >> \"$HOLD_READY\"\nexec sleep 300\n"

// startBuild starts benchrig ab in r with a private TMPDIR and
// BENCHRIG_DIR=base, and returns once its build is held mid-way, with the
// PIDs of the held tools.
func startBuild(t *testing.T, r *abruntest.Repo, base, tmp string) (*exec.Cmd, *bytes.Buffer, []int) {
	t.Helper()
	tool := filepath.Join(t.TempDir(), "hold")
	require.NoError(t, os.WriteFile(tool, []byte(holdTool), 0o755))
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "ab", "HEAD~1", "HEAD", "-count", "6", "-bench", "Work", "-benchtime", "1x", "-results", t.TempDir())
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), "BENCHRIG_AS_MAIN=1", "BENCHRIG_DIR="+base, "TMPDIR="+tmp,
		"GOFLAGS=-toolexec="+tool, "HOLD_READY="+ready)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	var pids []int
	require.Eventually(t, func() bool {
		b, err := os.ReadFile(ready)
		pids = pids[:0]
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				pids = append(pids, n)
			}
		}
		return err == nil && len(pids) > 0
	}, 2*time.Minute, 10*time.Millisecond, "the build never reached a tool")
	t.Cleanup(func() {
		for _, p := range pids {
			_ = syscall.Kill(p, syscall.SIGKILL)
		}
	})
	return cmd, &stderr, pids
}

// goBuildDirs returns the go-build work dirs in the gotmp dir of every
// benchrig work dir (run-benchrun-*) in base.
func goBuildDirs(t *testing.T, base string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(base, "run-benchrun-*", "gotmp", "go-build*"))
	require.NoError(t, err)
	return dirs
}

// TestInterruptedBuildLeavesNoGoTmp interrupts benchrig ab while its go
// command builds, by SIGINT and by SIGKILL: the go command's work dir is
// inside benchrig's work dir, never in TMPDIR; SIGINT removes it and says
// so, and after SIGKILL the next command's sweep removes it.
func TestInterruptedBuildLeavesNoGoTmp(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
	}{{"SIGINT", syscall.SIGINT}, {"SIGKILL", syscall.SIGKILL}} {
		t.Run(tc.name, func(t *testing.T) {
			r, base, tmp := abruntest.New(t), t.TempDir(), t.TempDir()
			cmd, stderr, tools := startBuild(t, r, base, tmp)
			require.NotEmpty(t, goBuildDirs(t, base), "the go command works in GOTMPDIR inside the work dir: %s", stderr)
			require.NoError(t, cmd.Process.Signal(tc.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, stderr.String())
			assert.Empty(t, abruntest.Entries(t, tmp), "nothing in TMPDIR")
			if tc.sig == syscall.SIGINT {
				assert.Equal(t, 130, ee.ExitCode(), stderr.String())
				assert.Contains(t, stderr.String(), "interrupt: stopped; worktrees and scratch removed")
				assert.Empty(t, abruntest.Entries(t, base), "work dir removed with its go-build dirs")
				assert.Len(t, r.Worktrees(t), 1)
				return
			}
			assert.NotEmpty(t, goBuildDirs(t, base), "SIGKILL leaves the work dir and its go-build dir")
			assertSweptNext(t, r, base, tools)
		})
	}
}

// assertSweptNext runs benchrig run in r with BENCHRIG_DIR=base and checks
// that its sweep removed the dead work dir and killed the held tools.
func assertSweptNext(t *testing.T, r *abruntest.Repo, base string, tools []int) {
	t.Helper()
	t.Chdir(r.Dir)
	t.Setenv("BENCHRIG_DIR", base)
	var stdout, stderr bytes.Buffer
	code := run(&stdout, &stderr, []string{"run", "-count", "1", "-bench", "Other", "-benchtime", "1x", "-results", t.TempDir(), "label"})
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stderr.String(), "swept ")
	assert.Empty(t, abruntest.Entries(t, base), "the sweep removed the work dir and its go-build dir")
	assert.Len(t, r.Worktrees(t), 1, "git worktree prune ran")
	for _, p := range tools {
		assert.Eventually(t, func() bool { return syscall.Kill(p, 0) != nil || zombie(p) }, 10*time.Second, 10*time.Millisecond, "held tool %d outlived the sweep", p)
	}
}

// zombie reports whether pid has exited and waits for its parent.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	_, after, ok := bytes.Cut(b, []byte(") "))
	return ok && len(after) > 0 && after[0] == 'Z'
}

func TestStoppedMessage(t *testing.T) {
	left := &abrun.CleanupError{Dir: "/b/run-benchrun-1", Err: errors.New("remove /b/run-benchrun-1.lock: no such file or directory")}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"removed", context.Canceled, "benchrig: interrupt: stopped; worktrees and scratch removed"},
		{"left", errors.Join(context.Canceled, left), "benchrig: interrupt: stopped; work dir /b/run-benchrun-1 not removed: remove /b/run-benchrun-1.lock: no such file or directory; the next benchrig command or benchmark run sweeps it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, stopped(os.Interrupt, tc.err))
		})
	}
}
