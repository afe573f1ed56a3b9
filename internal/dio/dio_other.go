//go:build !linux

package dio

// Pread returns an error wrapping [ErrUnsupported].
func Pread(fd uintptr, p []byte, off int64) (int, error) { return 0, ErrUnsupported }

// Pwrite returns an error wrapping [ErrUnsupported].
func Pwrite(fd uintptr, p []byte, off int64) (int, error) { return 0, ErrUnsupported }

// OpenFlagDsync is 0 where O_DSYNC is not used; opening is never reached
// because every I/O call returns [ErrUnsupported].
const OpenFlagDsync = 0
