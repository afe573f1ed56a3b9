package harness

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/benchrig/benchrig/internal/platform"
)

// skipOrFatal skips tb when err says the platform cannot do what was asked,
// and fails it otherwise.
func skipOrFatal(tb testing.TB, what string, err error) {
	tb.Helper()
	if errors.Is(err, errors.ErrUnsupported) {
		Skipf(tb, "%s: %v", what, err)
	}
	tb.Fatalf("%s: %v", what, err)
}

// RequireDisk skips tb when dir is not on a disk-backed filesystem whose page
// cache can be evicted (tmpfs, ramfs, overlayfs, ...), naming the fs and the
// fix (set BENCHRIG_DIR to a disk-backed directory).
func RequireDisk(tb testing.TB, dir string) {
	tb.Helper()
	if err := diskBacked(dir); err != nil {
		skipOrFatal(tb, "harness.RequireDisk", err)
	}
}

// errNotDisk marks a filesystem that is not disk-backed; it wraps
// errors.ErrUnsupported so skipOrFatal skips.
type errNotDisk struct{ msg string }

func (e *errNotDisk) Error() string { return e.msg }
func (e *errNotDisk) Unwrap() error { return errors.ErrUnsupported }

func diskBacked(dir string) error {
	fsi, err := platform.Statfs(dir)
	if err != nil {
		return err
	}
	fix := "set " + envDir + " to a directory on a disk-backed filesystem (ext4, xfs, btrfs)"
	if platform.NonBlock(fsi.Magic) {
		return &errNotDisk{fmt.Sprintf("%s is on %s, which is not backed by a local block device, so its page cache cannot be evicted and proven cold; %s", dir, fsi.Name, fix)}
	}
	if _, err := platform.BlockDevice(dir); err != nil {
		return &errNotDisk{fmt.Sprintf("%s is on %s without a local block device (%v), so cold reads cannot be proven; %s", dir, fsi.Name, err, fix)}
	}
	return nil
}

// RequireLinux skips tb on other operating systems, with the reason.
func RequireLinux(tb testing.TB) {
	tb.Helper()
	if runtime.GOOS != "linux" {
		Skipf(tb, "needs Linux (page cache, block-device and rusage accounting), this is %s", runtime.GOOS)
	}
}

// FSType returns the filesystem name of path ("ext4", "tmpfs", ...), or
// "unknown".
func FSType(path string) string {
	fsi, err := platform.Statfs(path)
	if err != nil {
		return unknown
	}
	return fsi.Name
}
