package harness

import (
	"os/exec"
	"syscall"
)

// asNobody makes cmd run as uid/gid 65534 (needs root).
func asNobody(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// strayAttr starts a process in a session of its own, outside every process
// group the harness knows, as an escaped grandchild would be.
func strayAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
