//go:build !linux

package harness

import "syscall"

// strayAttr is only used by Linux-only tests.
func strayAttr() *syscall.SysProcAttr { return nil }
