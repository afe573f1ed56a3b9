package child_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestRunOwnGroup(t *testing.T) {
	testutil.RequireLinux(t)
	cmd := child.Command("sh", "-c", "ps -o pgid= -p $$")
	var out strings.Builder
	cmd.Stdout = &out
	require.NoError(t, child.Run(cmd))
	pgid, err := strconv.Atoi(strings.TrimSpace(out.String()))
	require.NoError(t, err, "ps printed %q", out.String())
	assert.Equal(t, cmd.Process.Pid, pgid, "the child leads its own process group")
	assert.NotEqual(t, syscall.Getpgrp(), pgid)
	assert.Equal(t, 0, child.Live())
}

// TestKillAll: KillAll ends a child and the grandchildren in its group.
func TestKillAll(t *testing.T) {
	testutil.RequireLinux(t)
	dir := t.TempDir()
	cmd := child.Command("sh", "-c", "sleep 60 & echo $! > "+dir+"/grandchild; wait")
	done := make(chan error, 1)
	go func() { done <- child.Run(cmd) }()
	var gc int
	require.Eventually(t, func() bool {
		b, err := os.ReadFile(dir + "/grandchild")
		gc, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil && gc > 0 && child.Live() == 1
	}, 10*time.Second, 10*time.Millisecond)
	child.KillAll()
	select {
	case err := <-done:
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee)
	case <-time.After(10 * time.Second):
		t.Fatal("child not killed")
	}
	assert.Eventually(t, func() bool { return syscall.Kill(gc, 0) != nil }, 10*time.Second, 10*time.Millisecond, "grandchild %d still alive", gc)
	assert.Equal(t, 0, child.Live())
}

// TestCommandContextInterruptsGroup: cancelling the context sends SIGINT to
// the child's group, so its trap runs, as on Ctrl-C.
func TestCommandContextInterruptsGroup(t *testing.T) {
	testutil.RequireLinux(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := child.CommandContext(ctx, "sh", "-c", "trap 'exit 7' INT; echo ready; sleep 30 & wait")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	_, err = bufio.NewReader(out).ReadString('\n') // the trap is installed
	require.NoError(t, err)
	cancel()
	err = cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, 7, ee.ExitCode(), "SIGINT reached the shell's trap")
	assert.True(t, cmd.SysProcAttr.Setpgid)
}
