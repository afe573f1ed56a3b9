package platform

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Statfs describes the filesystem holding path.
func Statfs(path string) (FS, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return FS{}, &os.PathError{Op: "statfs", Path: path, Err: err}
	}
	magic := uint32(st.Type)
	return FS{
		Magic:    magic,
		Name:     FSName(magic),
		Bsize:    int64(st.Bsize),
		Bavail:   uint64(st.Bavail),
		ReadOnly: st.Flags&unix.ST_RDONLY != 0,
	}, nil
}

// Writable reports why the calling user cannot create files in dir, or nil.
// It checks the permission bits with access(2) (W_OK|X_OK, as the real user)
// and the mount's read-only flag, which access(2) ignores for root.
func Writable(dir string) error {
	if err := unix.Access(dir, unix.W_OK|unix.X_OK); err != nil {
		return &os.PathError{Op: "access(W_OK|X_OK)", Path: dir, Err: err}
	}
	fs, err := Statfs(dir)
	if err != nil {
		return err
	}
	if fs.ReadOnly {
		return &os.PathError{Op: "statfs", Path: dir, Err: unix.EROFS}
	}
	return nil
}

// Flock takes an exclusive flock(2) on f. With nonblock it returns
// ErrWouldBlock instead of waiting when the lock is held elsewhere.
func Flock(f *os.File, nonblock bool) error {
	how := unix.LOCK_EX
	if nonblock {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return ErrWouldBlock
		default:
			return &os.PathError{Op: "flock", Path: f.Name(), Err: err}
		}
	}
}

// Getrusage returns getrusage(2) for who.
func Getrusage(who Who) (Rusage, error) {
	var w int
	switch who {
	case Thread:
		w = unix.RUSAGE_THREAD
	case Self:
		w = unix.RUSAGE_SELF
	case Children:
		w = unix.RUSAGE_CHILDREN
	default:
		return Rusage{}, fmt.Errorf("getrusage: unknown scope %v", who)
	}
	var ru unix.Rusage
	if err := unix.Getrusage(w, &ru); err != nil {
		return Rusage{}, fmt.Errorf("getrusage(%v): %w", who, err)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt, CPU: cpuTime(ru.Utime, ru.Stime)}, nil
}

// SysRusage converts os.ProcessState.SysUsage() (a *syscall.Rusage on Linux).
func SysRusage(sys any) (Rusage, error) {
	ru, ok := sys.(*syscall.Rusage)
	if !ok || ru == nil {
		return Rusage{}, fmt.Errorf("process usage is %T, want *syscall.Rusage (has the process been waited for?)", sys)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt, CPU: cpuTime(unix.Timeval(ru.Utime), unix.Timeval(ru.Stime))}, nil
}

func cpuTime(user, sys unix.Timeval) time.Duration {
	return time.Duration(user.Nano() + sys.Nano())
}

// DIOAlign returns the direct-I/O alignment of path (statx STATX_DIOALIGN):
// the memory and file-offset alignment in bytes. Filesystems report it for
// regular files only. ok is false when the kernel or filesystem does not
// report it; mem and offset are both 0 when direct I/O is unsupported.
func DIOAlign(path string) (mem, offset uint32, ok bool, err error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, path, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_DIOALIGN, &st); err != nil {
		return 0, 0, false, &os.PathError{Op: "statx(STATX_DIOALIGN)", Path: path, Err: err}
	}
	if st.Mask&unix.STATX_DIOALIGN == 0 {
		return 0, 0, false, nil
	}
	return st.Dio_mem_align, st.Dio_offset_align, true, nil
}

// Gettid returns the calling OS thread's id.
func Gettid() (int, error) { return unix.Gettid(), nil }
