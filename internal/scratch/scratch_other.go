//go:build !linux

package scratch

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
)

const oNoFollow = 0

// createLock is unsupported off Linux: run dirs need flock and /proc.
func createLock(lockPath string) (*os.File, error) {
	return nil, platform.Unsupported("run lock " + lockPath)
}

// Sweep does nothing off Linux, where no run dir can be created.
func Sweep(base string, log io.Writer, before func(dir string)) error { return nil }

// LiveRuns finds none off Linux, where no run dir can be created.
func LiveRuns(base, own string) []string { return nil }

// KillOwn is unsupported off Linux.
func KillOwn(timeout time.Duration) ([]int, error) {
	return nil, platform.Unsupported("kill this run's processes")
}

// RemoveAll removes path like os.RemoveAll, first making read-only
// directories writable (Go module caches are read-only trees). Symbolic
// links are never followed.
func RemoveAll(path string) error {
	if err := os.RemoveAll(path); err == nil {
		return nil
	}
	_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			if info, ierr := d.Info(); ierr == nil && info.Mode().Perm()&0o700 != 0o700 {
				_ = os.Chmod(p, info.Mode().Perm()|0o700)
			}
		}
		return nil
	})
	return os.RemoveAll(path)
}

// RemoveRunDir is RemoveAll off Linux.
func RemoveRunDir(dir string) error { return RemoveAll(dir) }
