package harness

import (
	"os/exec"
	"syscall"
)

// asNobody makes cmd run as uid/gid 65534 (needs root).
func asNobody(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}
