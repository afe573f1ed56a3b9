package scratch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/benchrig/benchrig/internal/platform"
)

// dirCheck diagnoses a would-be scratch parent: what names it in messages
// ("BENCHRIG_DIR=/x"), dir is its path and alt is the fix that always works
// (pointing elsewhere), offered beside the fix for the state found.
type dirCheck struct{ what, dir, alt string }

// problem returns nil when dir is a directory this user can create files
// in, else an error that states what dir is (missing, a dangling symlink, a
// file, on a read-only mount, not writable by this user, ...) and a fix that
// works for that state.
func (c dirCheck) problem() error {
	fi, err := os.Stat(c.dir)
	switch {
	case err != nil:
		return c.unreachable(err)
	case !fi.IsDir():
		return c.notDir(fi)
	}
	return c.notWritable(fi)
}

func (c dirCheck) unreachable(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c.missing()
	case errors.Is(err, syscall.ENOTDIR):
		p := firstNonDir(c.dir)
		return fmt.Errorf("%s cannot exist: %s is a %s, not a directory; %s, or point %s at a path below a directory", c.what, p, kindOf(p), c.alt, envDir)
	case errors.Is(err, syscall.ELOOP):
		return fmt.Errorf("%s is a symlink loop (%v); point %s at a real directory, or %s", c.what, err, envDir, c.alt)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s cannot be reached by uid %d: %v (a parent dir is not searchable); %s", c.what, os.Geteuid(), err, c.alt)
	}
	return fmt.Errorf("%s: %w; %s", c.what, err, c.alt)
}

// missing explains a dir that does not exist, telling a dangling symlink
// (which mkdir -p refuses with "File exists") from a plain missing path.
func (c dirCheck) missing() error {
	e := c.dir
	for {
		if _, err := os.Lstat(e); err == nil || filepath.Dir(e) == e {
			break
		}
		e = filepath.Dir(e)
	}
	target, isLink := linkEnd(e)
	if !isLink {
		return fmt.Errorf("%s does not exist; create it (mkdir -p %s) or %s", c.what, c.dir, c.alt)
	}
	rest, _ := filepath.Rel(e, c.dir)
	create := filepath.Join(target, rest)
	if e == c.dir {
		return fmt.Errorf("%s is a dangling symlink to %s, which does not exist; create the target (mkdir -p %s) or %s", c.what, target, create, c.alt)
	}
	return fmt.Errorf("%s does not exist: %s is a dangling symlink to %s; create it (mkdir -p %s) or %s", c.what, e, target, create, c.alt)
}

// linkEnd follows the symlink chain starting at p (up to 40 links) and
// returns the path it ends at, and whether p was a symlink at all.
func linkEnd(p string) (string, bool) {
	isLink := false
	for range 40 {
		t, err := os.Readlink(p)
		if err != nil {
			break
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p, isLink = t, true
	}
	return p, isLink
}

// firstNonDir returns the deepest existing path on the way to p, which is
// what is not a directory when stat(p) fails with ENOTDIR.
func firstNonDir(p string) string {
	for {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() || filepath.Dir(p) == p {
			return p
		}
		p = filepath.Dir(p)
	}
}

func (c dirCheck) notDir(fi fs.FileInfo) error {
	kind := kindOf(c.dir)
	return fmt.Errorf("%s is a %s, not a directory; point %s at a directory on the disk to measure (e.g. mkdir -p %s.d and set %s=%s.d), or %s", c.what, kind, envDir, c.dir, envDir, c.dir, c.alt)
}

// kindOf names what p is: "regular file", "symlink to a regular file", ...
func kindOf(p string) string {
	fi, err := os.Lstat(p)
	if err != nil {
		return "missing path"
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := os.Stat(p); err == nil {
			return "symlink to a " + modeKind(t.Mode())
		}
	}
	return modeKind(fi.Mode())
}

func modeKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "regular file"
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file (" + m.Type().String() + ")"
}

// notWritable explains a directory this user cannot create files in.
func (c dirCheck) notWritable(fi fs.FileInfo) error {
	err := platform.Writable(c.dir)
	switch {
	case err == nil || errors.Is(err, errors.ErrUnsupported):
		return nil
	case errors.Is(err, syscall.EROFS):
		mp, merr := platform.MountPoint(c.dir)
		if merr != nil {
			return fmt.Errorf("%s is on a read-only mount; remount its filesystem read-write (mount -o remount,rw <mount point>) or %s", c.what, c.alt)
		}
		return fmt.Errorf("%s is on a read-only mount (%s); remount it read-write (mount -o remount,rw %s) or %s", c.what, mp, mp, c.alt)
	case errors.Is(err, fs.ErrPermission):
		uid := os.Geteuid()
		owner, oerr := platform.Owner(fi)
		if oerr != nil {
			return fmt.Errorf("%s is not writable by uid %d (mode %s); %s", c.what, uid, fi.Mode(), c.alt)
		}
		state := fmt.Sprintf("%s is not writable by uid %d (mode %s, owner uid %d)", c.what, uid, fi.Mode(), owner)
		if owner == uid {
			return fmt.Errorf("%s; make it writable (chmod u+wx %s) or %s", state, c.dir, c.alt)
		}
		return fmt.Errorf("%s; %s, or have its owner give uid %d write access", state, c.alt, uid)
	}
	return fmt.Errorf("%s is not writable: %w; %s", c.what, err, c.alt)
}
