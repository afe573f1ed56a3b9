package platform

import (
	"os"

	"golang.org/x/sys/unix"
)

// Divert points f's file descriptor at /dev/null and returns a new file on
// the descriptor f had, so that from now on only the returned file reaches
// what f wrote to: everything else that writes to f (another goroutine's
// output, a failing test's report) is discarded. The returned file is
// close-on-exec.
func Divert(f *os.File) (*os.File, error) {
	fd := int(f.Fd())
	saved, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("fcntl(F_DUPFD_CLOEXEC)", err)
	}
	null, err := unix.Open(os.DevNull, unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		unix.Close(saved)
		return nil, &os.PathError{Op: "open", Path: os.DevNull, Err: err}
	}
	defer unix.Close(null)
	if err := unix.Dup3(null, fd, 0); err != nil {
		unix.Close(saved)
		return nil, os.NewSyscallError("dup3", err)
	}
	return os.NewFile(uintptr(saved), f.Name()), nil
}
