//go:build !linux

package affinity

import "github.com/benchrig/benchrig/internal/platform"

// Allowed returns an error wrapping errors.ErrUnsupported
// (platform.ErrUnsupported): this OS has no supported way to read a thread's
// CPU mask.
func Allowed() ([]int, error) { return nil, platform.Unsupported("affinity: read the CPU mask") }

// Pin returns an error wrapping errors.ErrUnsupported: this OS has no
// supported way to pin a thread to a CPU. The thread's scheduling is left as
// it was.
func Pin(cpu int) (restore func() error, err error) {
	return nil, platform.Unsupported("affinity: pin to a CPU")
}
