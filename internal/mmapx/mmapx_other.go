//go:build !linux

package mmapx

import (
	"os"

	"github.com/benchrig/benchrig/internal/platform"
)

// Map is only implemented on Linux; here it returns an error wrapping
// errors.ErrUnsupported (platform.ErrUnsupported).
func Map(f *os.File, length int, o Options) ([]byte, error) {
	return nil, platform.Unsupported("mmap " + f.Name())
}

// Unmap is only implemented on Linux; here it returns an error wrapping
// errors.ErrUnsupported.
func Unmap(b []byte) error { return platform.Unsupported("munmap") }

// Advise is only implemented on Linux; here it returns an error wrapping
// errors.ErrUnsupported.
func Advise(b []byte, a Advice) error { return platform.Unsupported("madvise(" + a.String() + ")") }

// ProbePopulateRead is only implemented on Linux; here it returns an error
// wrapping errors.ErrUnsupported.
func ProbePopulateRead() error { return platform.Unsupported("madvise(MADV_POPULATE_READ)") }
