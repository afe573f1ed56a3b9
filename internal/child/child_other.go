//go:build !linux

package child

import "os/exec"

func setAttrs(*exec.Cmd) {}

func kill(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}

// interrupt kills the child: without process groups there is no portable way
// to interrupt it and its children.
func interrupt(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
