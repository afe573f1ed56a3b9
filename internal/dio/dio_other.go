//go:build !linux

package dio

import (
	"os"

	"github.com/benchrig/benchrig/internal/platform"
)

// Pread returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func Pread(fd uintptr, p []byte, off int64) (int, error) { return 0, platform.Unsupported("pread") }

// Pwrite returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func Pwrite(fd uintptr, p []byte, off int64) (int, error) { return 0, platform.Unsupported("pwrite") }

// RawPread returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func RawPread(fd uintptr, p []byte, off int64) (int, error) { return 0, platform.Unsupported("pread") }

// RawPwrite returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func RawPwrite(fd uintptr, p []byte, off int64) (int, error) {
	return 0, platform.Unsupported("pwrite")
}

// OpenFlagDsync is 0 where O_DSYNC is not used; opening is never reached
// because every I/O call returns an error wrapping errors.ErrUnsupported.
const OpenFlagDsync = 0

// OpenDirect returns an error wrapping errors.ErrUnsupported.
func OpenDirect(path string, flag int, perm os.FileMode) (*os.File, error) {
	return nil, platform.Unsupported("open O_DIRECT " + path)
}
