//go:build !linux

package harness

import (
	"os/exec"
	"syscall"
)

// asNobody is only used by Linux-only tests.
func asNobody(cmd *exec.Cmd) {}

// strayAttr is only used by Linux-only tests.
func strayAttr() *syscall.SysProcAttr { return nil }
