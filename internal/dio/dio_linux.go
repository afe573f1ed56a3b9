package dio

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Pread reads len(p) bytes at off from the raw descriptor fd with one
// pread(2) (retried only on EINTR). It does not allocate and takes no lock,
// so goroutines may share fd.
func Pread(fd uintptr, p []byte, off int64) (int, error) {
	for {
		n, err := unix.Pread(int(fd), p, off)
		if err != unix.EINTR {
			return n, err
		}
	}
}

// Pwrite writes p at off to the raw descriptor fd with one pwrite(2)
// (retried only on EINTR). It does not allocate and takes no lock.
func Pwrite(fd uintptr, p []byte, off int64) (int, error) {
	for {
		n, err := unix.Pwrite(int(fd), p, off)
		if err != unix.EINTR {
			return n, err
		}
	}
}

// OpenFlagDsync is O_DSYNC: every write returns only once its data (and the
// metadata needed to read it back) is on stable storage.
const OpenFlagDsync = unix.O_DSYNC

// OpenDirect opens path with flag|O_DIRECT. A filesystem that refuses
// direct I/O fails it with an error for which [Refused] is true.
func OpenDirect(path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag|unix.O_DIRECT, perm)
}

// RawPread is [Pread] through unix.RawSyscall6: the calling goroutine does
// not tell the Go runtime it is in a system call (no entersyscall or
// exitsyscall), so it keeps its P, and its OS thread, while the kernel
// blocks it. That removes the runtime's syscall bookkeeping from the request
// path, but a goroutine blocked in RawPread holds a P that nothing else can
// use until it returns: callers must keep fewer such goroutines than
// GOMAXPROCS and lock them to their threads (runtime.LockOSThread). Retried
// only on EINTR; it does not allocate.
func RawPread(fd uintptr, p []byte, off int64) (int, error) {
	return raw(unix.SYS_PREAD64, fd, p, off)
}

// RawPwrite is [Pwrite] through unix.RawSyscall6, with RawPread's rules.
func RawPwrite(fd uintptr, p []byte, off int64) (int, error) {
	return raw(unix.SYS_PWRITE64, fd, p, off)
}

// raw makes the pread64 or pwrite64 system call trap on fd, p and off
// without the runtime's syscall hooks, retrying on EINTR. It returns the
// Errno itself (not wrapped), as unix.Pread does.
func raw(trap, fd uintptr, p []byte, off int64) (int, error) {
	var ptr unsafe.Pointer
	if len(p) > 0 {
		ptr = unsafe.Pointer(unsafe.SliceData(p))
	}
	for {
		n, _, e := unix.RawSyscall6(trap, fd, uintptr(ptr), uintptr(len(p)), uintptr(off), 0, 0)
		switch e {
		case 0:
			return int(n), nil
		case unix.EINTR:
			continue
		}
		return int(n), e
	}
}
