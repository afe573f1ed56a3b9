package dio

import (
	"os"

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
