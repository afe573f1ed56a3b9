package proc

import (
	"os/exec"
	"time"
)

// waitDelay is how long a cancelled child has, after Interrupt, to exit
// before it is killed.
const waitDelay = 10 * time.Second

// Guard makes cmd a guarded child: its own process group and a
// parent-death signal where the platform has them, and, when cmd's
// context is cancelled, an interrupt to its whole group (SIGINT, so the
// child cleans up as on Ctrl-C) followed by a kill after a grace period.
func Guard(cmd *exec.Cmd) *exec.Cmd {
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error { return Interrupt(cmd) }
	cmd.WaitDelay = waitDelay
	return cmd
}
