package platform

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"unsafe"

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

// DropCache writes f's dirty pages back (fsync: dirty pages cannot be
// dropped) and then asks the kernel to drop its clean cached pages
// (posix_fadvise POSIX_FADV_DONTNEED). Pages mapped by a process stay.
func DropCache(f *os.File) error {
	if err := f.Sync(); err != nil {
		return err
	}
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return &os.PathError{Op: "posix_fadvise(POSIX_FADV_DONTNEED)", Path: f.Name(), Err: err}
	}
	return nil
}

// window bounds one mmap+mincore call, so huge files need neither a huge
// mapping nor a huge vector.
const window = 1 << 30

// Residency returns how many of the pages spanned by the first size bytes of
// f are in the page cache (mmap read-only, mincore, munmap; the mapping is
// never touched, so measuring does not fault pages in).
func Residency(f *os.File, size int64) (resident, pages int64, err error) {
	ps := int64(os.Getpagesize())
	pages = (size + ps - 1) / ps
	var vec []byte
	for off := int64(0); off < size; off += window {
		n := min(size-off, window)
		m, err := unix.Mmap(int(f.Fd()), off, int(n), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			return 0, pages, &os.PathError{Op: "mmap", Path: f.Name(), Err: err}
		}
		np := (n + ps - 1) / ps
		if int64(cap(vec)) < np {
			vec = make([]byte, np)
		}
		vec = vec[:np]
		err = mincore(m, vec)
		if uerr := unix.Munmap(m); err == nil && uerr != nil {
			err = uerr
		}
		if err != nil {
			return 0, pages, &os.PathError{Op: "mincore", Path: f.Name(), Err: err}
		}
		for _, v := range vec {
			resident += int64(v & 1)
		}
	}
	return resident, pages, nil
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
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt}, nil
}

// SysRusage converts os.ProcessState.SysUsage() (a *syscall.Rusage on Linux).
func SysRusage(sys any) (Rusage, error) {
	ru, ok := sys.(*syscall.Rusage)
	if !ok || ru == nil {
		return Rusage{}, fmt.Errorf("process usage is %T, want *syscall.Rusage (has the process been waited for?)", sys)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt}, nil
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

// mincore wraps mincore(2), which x/sys/unix does not export on Linux.
func mincore(b, vec []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, _, e := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if e != 0 {
		return e
	}
	return nil
}

// Gettid returns the calling OS thread's id.
func Gettid() (int, error) { return unix.Gettid(), nil }

// ProactiveReclaim says whether the kernel pages out memory on its own
// schedule, without memory pressure, which makes a warm page cache decay:
// "damon-pageout" when a running DAMON kdamond has a pageout scheme,
// "damon-reclaim" when the damon_reclaim module is enabled, "none" when
// neither is configured. It returns an error when sysfs cannot be read
// (the DAMON admin files are root-only).
func ProactiveReclaim() (string, error) { return proactiveReclaim("/") }

func proactiveReclaim(root string) (string, error) {
	if s, err := readTrim(filepath.Join(root, "sys/module/damon_reclaim/parameters/enabled")); err == nil && (s == "Y" || s == "1") {
		return "damon-reclaim", nil
	}
	kd := filepath.Join(root, "sys/kernel/mm/damon/admin/kdamonds")
	entries, err := os.ReadDir(kd)
	if errors.Is(err, fs.ErrNotExist) {
		return "none", nil
	}
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue // nr_kdamonds
		}
		state, err := readTrim(filepath.Join(kd, e.Name(), "state"))
		if err != nil {
			return "", err
		}
		if state != "on" {
			continue
		}
		actions, err := filepath.Glob(filepath.Join(kd, e.Name(), "contexts", "*", "schemes", "*", "action"))
		if err != nil {
			return "", err
		}
		for _, a := range actions {
			act, err := readTrim(a)
			if err != nil {
				return "", err
			}
			if act == "pageout" {
				return "damon-pageout", nil
			}
		}
	}
	return "none", nil
}
