package harness

import (
	"io/fs"
	"os"
	"path/filepath"
)

// RemoveAll removes path like os.RemoveAll, but first makes read-only
// directories writable (Go module caches are read-only trees).
func RemoveAll(path string) error {
	if err := os.RemoveAll(path); err == nil {
		return nil
	}
	// Make every directory of the tree readable, writable and searchable by
	// its owner. WalkDir visits a directory before reading it, so even a
	// mode-000 directory can be opened after the chmod. Symlinks are never
	// followed.
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
