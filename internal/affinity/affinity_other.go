//go:build !linux

package affinity

// Allowed returns an error wrapping [ErrUnsupported]: this OS has no
// supported way to read a thread's CPU mask.
func Allowed() ([]int, error) { return nil, ErrUnsupported }

// Pin returns an error wrapping [ErrUnsupported]: this OS has no supported way
// to pin a thread to a CPU. The thread's scheduling is left as it was.
func Pin(cpu int) (restore func() error, err error) { return nil, ErrUnsupported }
