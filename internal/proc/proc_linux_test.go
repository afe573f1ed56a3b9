package proc

import (
	"bufio"
	"context"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGuardInterruptsGroup(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The shell's child sleep must end too: the signal goes to the group.
	cmd := Guard(exec.CommandContext(ctx, "sh", "-c", "trap 'exit 7' INT; echo ready; sleep 30 & wait"))
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
