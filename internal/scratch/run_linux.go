package scratch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/benchrig/benchrig/internal/platform"
)

const oNoFollow = unix.O_NOFOLLOW

// createLock creates the lock file lockPath with the run's record in it and
// its flock held. The file is written and locked while it is still unnamed
// (O_TMPFILE) and then linked into place, so no other process ever sees a
// lock without its record; on a filesystem without O_TMPFILE it is created
// in place and written after its flock is taken.
func createLock(lockPath string) (*os.File, error) {
	content, err := ownLockContent()
	if err != nil {
		return nil, err
	}
	fd, err := unix.Open(filepath.Dir(lockPath), unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return createLockInPlace(lockPath, content)
	}
	f := os.NewFile(uintptr(fd), lockPath)
	if _, err := f.Write(content); err != nil {
		f.Close()
		return nil, fmt.Errorf("write run lock %s: %w", lockPath, err)
	}
	if err := platform.Flock(f, true); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock run %s: %w", lockPath, err)
	}
	err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd), unix.AT_FDCWD, lockPath, unix.AT_SYMLINK_FOLLOW)
	switch {
	case errors.Is(err, unix.EEXIST):
		f.Close()
		return nil, errRetry
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("create run lock %s: %w; check that the directory is writable", lockPath, err)
	}
	return f, nil
}

// createLockInPlace creates lockPath, takes its flock and writes content. A
// sweep that opens the fresh, empty file first leaves it alone (it is no
// benchrig lock yet); the creator then removes it and asks for a retry.
func createLockInPlace(lockPath string, content []byte) (*os.File, error) {
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errRetry
	}
	if err != nil {
		return nil, fmt.Errorf("create run lock: %w; check that the directory is writable", err)
	}
	if err := platform.Flock(f, true); err != nil {
		f.Close()
		if errors.Is(err, platform.ErrWouldBlock) {
			os.Remove(lockPath)
			return nil, errRetry
		}
		return nil, fmt.Errorf("lock run %s: %w", lockPath, err)
	}
	if _, err := f.Write(content); err != nil {
		os.Remove(lockPath)
		f.Close()
		return nil, fmt.Errorf("write run lock %s: %w", lockPath, err)
	}
	return f, nil
}

// ownLockContent is the record of a run this process creates.
func ownLockContent() ([]byte, error) {
	start, err := procStart(os.Getpid())
	if err != nil {
		return nil, fmt.Errorf("read this process's start time: %w", err)
	}
	return lockContent(lockInfo{token: Token(), pid: os.Getpid(), start: start}), nil
}
