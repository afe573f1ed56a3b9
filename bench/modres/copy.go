package modres

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// copyTree copies the directories and regular files under src to dst,
// skipping what skip (when set) accepts (a skipped directory is not
// entered) and every symbolic link or other irregular file, and returns the
// bytes copied. src is only read. dst may exist; everything below it must
// be new. Directories are created one at a time with os.Mkdir, parents
// first, never MkdirAll: when the harness renames the run dir away on
// SIGINT, the copy fails at its next file instead of creating the path
// again. Copies are owner-writable (rebuild edits a file of the main
// module) and keep the other permission bits; their times are new.
func copyTree(src, dst string, skip func(rel string, d fs.DirEntry) bool) (int64, error) {
	var n int64
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if rel != "." && skip != nil && skip(rel, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if err := os.Mkdir(to, info.Mode().Perm()|0o700); err != nil && !(rel == "." && errors.Is(err, fs.ErrExist)) {
				return err
			}
		case info.Mode().IsRegular():
			m, err := copyFile(p, to, info.Mode().Perm()|0o200)
			n += m
			return err
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	return n, nil
}

// copyFile copies the regular file src to the new file dst with mode perm.
func copyFile(src, dst string, perm fs.FileMode) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	return n, errors.Join(err, out.Close())
}
