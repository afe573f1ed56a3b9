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
	err := walkTree(src, skip, func(p, rel string, d fs.DirEntry) error {
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

// treeBytes is the size of the regular files under dir that copyTree with
// skip would copy.
func treeBytes(dir string, skip func(rel string, d fs.DirEntry) bool) (int64, error) {
	var n int64
	err := walkTree(dir, skip, func(_, _ string, d fs.DirEntry) error {
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	return n, err
}

// walkTree calls fn for root and everything below it in lexical order,
// parents first, with the path relative to root, leaving out what skip
// (when set) accepts: a skipped directory is not entered.
func walkTree(root string, skip func(rel string, d fs.DirEntry) bool, fn func(p, rel string, d fs.DirEntry) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if rel != "." && skip != nil && skip(rel, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return fn(p, rel, d)
	})
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
