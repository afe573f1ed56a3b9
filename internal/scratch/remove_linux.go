package scratch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// MountError says a removal stopped at a mount point inside the tree.
type MountError struct{ Path string }

func (e *MountError) Error() string {
	return fmt.Sprintf("%s is a mount point: left it and what is above it; unmount it, then remove the rest by hand", e.Path)
}

// RemoveAll removes path and everything below it, like os.RemoveAll, but
// never follows a symbolic link (a link is removed, its target is not) and
// never descends into a directory on another mount than path's parent
// (it stops with a [MountError]). Directories that are not writable or
// searchable by their owner (Go module caches are read-only trees) are made
// so first.
func RemoveAll(path string) error { return removeTop(path, "") }

// RemoveRunDir is [RemoveAll] for a run dir: its marker goes last, so a
// removal that dies midway leaves a dir the next sweep still recognises.
func RemoveRunDir(dir string) error { return removeTop(dir, MarkerName) }

func removeTop(path, last string) error {
	path = filepath.Clean(path)
	parent, err := unix.Open(filepath.Dir(path), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ENOENT) {
			return nil
		}
		return &os.PathError{Op: "open", Path: filepath.Dir(path), Err: err}
	}
	defer unix.Close(parent)
	mnt, err := mountID(parent)
	if err != nil {
		return &os.PathError{Op: "statx", Path: filepath.Dir(path), Err: err}
	}
	return removeAt(parent, filepath.Base(path), path, mnt, last)
}

// removeAt removes the entry name of the open directory dirfd (whose path
// is path's parent): a file or link is unlinked, a directory on mount mnt
// is emptied (last, when set, after every other entry) and removed.
func removeAt(dirfd int, name, path string, mnt uint64, last string) error {
	err := unix.Unlinkat(dirfd, name, 0)
	if err == nil || errors.Is(err, unix.ENOENT) {
		return nil
	}
	if !errors.Is(err, unix.EISDIR) && !errors.Is(err, unix.EPERM) {
		return &os.PathError{Op: "unlink", Path: path, Err: err}
	}
	fd, err := openDir(dirfd, name, path)
	if err != nil {
		return err
	}
	err = emptyDir(fd, path, mnt, last)
	unix.Close(fd)
	if err != nil {
		return err
	}
	if err := unix.Unlinkat(dirfd, name, unix.AT_REMOVEDIR); err != nil && !errors.Is(err, unix.ENOENT) {
		return &os.PathError{Op: "rmdir", Path: path, Err: err}
	}
	return nil
}

// openDir opens the directory name of dirfd without following a link,
// giving its owner read, write and search permission first when it lacks
// them (through an O_PATH descriptor, so the chmod reaches the very inode
// that was opened).
func openDir(dirfd int, name, path string) (int, error) {
	const flags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
	fd, err := unix.Openat(dirfd, name, flags, 0)
	if errors.Is(err, unix.EACCES) {
		if err := chmodOwner(dirfd, name); err != nil {
			return -1, &os.PathError{Op: "chmod", Path: path, Err: err}
		}
		fd, err = unix.Openat(dirfd, name, flags, 0)
	}
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err == nil && st.Mode&0o700 != 0o700 {
		if err := unix.Fchmod(fd, st.Mode&0o7777|0o700); err != nil {
			unix.Close(fd)
			return -1, &os.PathError{Op: "chmod", Path: path, Err: err}
		}
	}
	return fd, nil
}

// chmodOwner adds u+rwx to the directory name of dirfd without following a
// link.
func chmodOwner(dirfd int, name string) error {
	fd, err := unix.Openat(dirfd, name, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return err
	}
	return unix.Chmod("/proc/self/fd/"+strconv.Itoa(fd), st.Mode&0o7777|0o700)
}

// emptyDir removes every entry of the open directory fd (at path), last
// (when set) after all others, refusing when fd is on another mount than
// mnt.
func emptyDir(fd int, path string, mnt uint64, last string) error {
	m, err := mountID(fd)
	if err != nil {
		return &os.PathError{Op: "statx", Path: path, Err: err}
	}
	if m != mnt {
		return &MountError{Path: path}
	}
	dup, err := unix.Dup(fd)
	if err != nil {
		return &os.PathError{Op: "dup", Path: path, Err: err}
	}
	d := os.NewFile(uintptr(dup), path)
	names, err := d.Readdirnames(-1)
	d.Close()
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range names {
		if n != last {
			errs = append(errs, removeAt(fd, n, filepath.Join(path, n), mnt, ""))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if last != "" {
		return removeAt(fd, last, filepath.Join(path, last), mnt, "")
	}
	return nil
}

// mountID returns the id of the mount fd is on (statx STATX_MNT_ID, Linux
// 5.8), or its device number where the kernel has no mount ids.
func mountID(fd int) (uint64, error) {
	var stx unix.Statx_t
	if err := unix.Statx(fd, "", unix.AT_EMPTY_PATH|unix.AT_SYMLINK_NOFOLLOW, unix.STATX_MNT_ID|unix.STATX_BASIC_STATS, &stx); err != nil {
		return 0, err
	}
	if stx.Mask&unix.STATX_MNT_ID != 0 {
		return stx.Mnt_id, nil
	}
	return uint64(stx.Dev_major)<<32 | uint64(stx.Dev_minor), nil
}
