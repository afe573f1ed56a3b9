//go:build !linux

package harness

import "os/exec"

// asNobody is only used by Linux-only tests.
func asNobody(cmd *exec.Cmd) {}
