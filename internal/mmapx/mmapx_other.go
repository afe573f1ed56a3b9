//go:build !linux

package mmapx

import (
	"fmt"
	"os"
	"runtime"
)

// Map is only implemented on Linux; here it returns an error wrapping
// [ErrUnsupported].
func Map(f *os.File, length int, o Options) ([]byte, error) {
	return nil, fmt.Errorf("mmap %s on %s: %w", f.Name(), runtime.GOOS, ErrUnsupported)
}

// Unmap is only implemented on Linux; here it returns an error wrapping
// [ErrUnsupported].
func Unmap(b []byte) error {
	return fmt.Errorf("munmap on %s: %w", runtime.GOOS, ErrUnsupported)
}

// Advise is only implemented on Linux; here it returns an error wrapping
// [ErrUnsupported].
func Advise(b []byte, a Advice) error {
	return fmt.Errorf("madvise(%v) on %s: %w", a, runtime.GOOS, ErrUnsupported)
}

// ProbePopulateRead is only implemented on Linux; here it returns an error
// wrapping [ErrUnsupported].
func ProbePopulateRead() error {
	return fmt.Errorf("MADV_POPULATE_READ on %s: %w", runtime.GOOS, ErrUnsupported)
}
