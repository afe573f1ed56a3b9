package scratch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/benchrig/benchrig/internal/platform"
)

// killWait bounds how long the sweep waits for a dead run's processes to go.
const killWait = 5 * time.Second

// Sweep removes what dead runs left in base (see the package doc), writing
// one note per swept run, and one naming everything run-* it left alone, to
// log. before, when set, is called with each dead run's dir before it is
// removed. Only an unreadable base is an error.
func Sweep(base string, log io.Writer, before func(dir string)) error {
	b, err := openBase(base)
	if err != nil {
		return err
	}
	defer unix.Close(b.fd)
	var foreign []string
	for _, lock := range b.locks {
		why := b.sweepLock(lock, log, before)
		if why != "" {
			foreign = append(foreign, lock+" ("+why+")")
		}
	}
	for _, name := range b.others {
		if !slices.Contains(b.locks, lockStem(name)+LockSuffix) {
			foreign = append(foreign, name+" (no run lock beside it)")
		}
	}
	if len(foreign) > 0 {
		fmt.Fprintf(log, "%sleft alone in %s, not benchrig's: %s; remove them by hand if they are yours and no benchmark is running\n", notePrefix, base, strings.Join(foreign, ", "))
	}
	return nil
}

// notePrefix starts every line the sweep writes to its log.
const notePrefix = "# benchrig: "

// baseDir is an open BENCHRIG_DIR and its run-* entries.
type baseDir struct {
	path   string
	fd     int
	mnt    uint64
	uid    int
	locks  []string // run-*.lock
	others []string // every other run-* entry
}

func openBase(base string) (*baseDir, error) {
	fd, err := unix.Open(base, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("sweep %s: %w; check BENCHRIG_DIR", base, &os.PathError{Op: "open", Path: base, Err: err})
	}
	b := &baseDir{path: base, fd: fd, uid: os.Geteuid()}
	if b.mnt, err = mountID(fd); err == nil {
		var names []string
		names, err = readNames(fd, base)
		for _, n := range names {
			switch {
			case !strings.HasPrefix(n, Prefix):
			case strings.HasSuffix(n, LockSuffix):
				b.locks = append(b.locks, n)
			default:
				b.others = append(b.others, n)
			}
		}
	}
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("sweep %s: %w; check BENCHRIG_DIR", base, err)
	}
	return b, nil
}

func readNames(fd int, path string) ([]string, error) {
	dup, err := unix.Dup(fd)
	if err != nil {
		return nil, err
	}
	d := os.NewFile(uintptr(dup), path)
	defer d.Close()
	names, err := d.Readdirnames(-1)
	slices.Sort(names)
	return names, err
}

// sweepLock sweeps the run of the lock file name when it is a dead
// benchrig run of this user's. It returns why it left the lock alone when
// the lock or a dir of its run is not benchrig's, "" otherwise (swept, live,
// gone, or a failure it wrote to log).
func (b *baseDir) sweepLock(name string, log io.Writer, before func(string)) string {
	f, li, why := b.openLock(name)
	if f == nil {
		return why
	}
	defer f.Close()
	dirs := b.runDirs(strings.TrimSuffix(name, LockSuffix))
	for _, d := range dirs {
		if why := b.checkRunDir(d, li.token); why != "" {
			return d + ": " + why
		}
	}
	stem := filepath.Join(b.path, strings.TrimSuffix(name, LockSuffix))
	pids, err := killMarked(li, killWait)
	if len(pids) > 0 {
		fmt.Fprintf(log, "%skilled %d process(es) %v that the dead run %s started\n", notePrefix, len(pids), pids, stem)
	}
	if err != nil {
		fmt.Fprintf(log, "%s%s: %v\n", notePrefix, stem, err)
	}
	for _, d := range dirs {
		p := filepath.Join(b.path, d)
		if before != nil {
			before(p)
		}
		if err := RemoveRunDir(p); err != nil {
			fmt.Fprintf(log, "%scannot sweep %s: %v\n", notePrefix, p, err)
			return ""
		}
	}
	if err := unix.Unlinkat(b.fd, name, 0); err != nil && !errors.Is(err, unix.ENOENT) {
		fmt.Fprintf(log, "%scannot sweep %s: %v\n", notePrefix, filepath.Join(b.path, name), err)
		return ""
	}
	fmt.Fprintf(log, "%sswept %s, left by a dead run\n", notePrefix, stem)
	return ""
}

// openLock opens and locks the lock file name when it is a free benchrig
// lock of this user's; f is nil otherwise, with why set when the lock is
// not benchrig's (a live run, or a lock gone meanwhile, says nothing).
func (b *baseDir) openLock(name string) (f *os.File, li lockInfo, why string) {
	fd, err := unix.Openat(b.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	switch {
	case errors.Is(err, unix.ENOENT):
		return nil, li, ""
	case errors.Is(err, unix.ELOOP):
		return nil, li, "a symbolic link"
	case err != nil:
		return nil, li, err.Error()
	}
	f = os.NewFile(uintptr(fd), filepath.Join(b.path, name))
	why = b.checkLock(f, name)
	if why == "" {
		if err := platform.Flock(f, true); err != nil {
			why = "busy" // a live run
			if !errors.Is(err, platform.ErrWouldBlock) {
				why = err.Error()
			}
		}
	}
	if why == "" {
		var ok bool
		li, ok = readLock(f)
		if !ok {
			why = "not a benchrig run lock"
		}
	}
	if why != "" {
		f.Close()
		if why == "busy" {
			why = ""
		}
		return nil, li, why
	}
	return f, li, ""
}

// checkLock says why the open file f, named name in base, is not a lock
// this user may sweep: not a regular file, another user's, or no longer
// the file the name names.
func (b *baseDir) checkLock(f *os.File, name string) string {
	var st, now unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return err.Error()
	}
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFREG:
		return "not a regular file"
	case int(st.Uid) != b.uid:
		return fmt.Sprintf("owned by uid %d", st.Uid)
	}
	if err := unix.Fstatat(b.fd, name, &now, unix.AT_SYMLINK_NOFOLLOW); err != nil || now.Ino != st.Ino || now.Dev != st.Dev {
		return "replaced while read"
	}
	return ""
}

func readLock(f *os.File) (lockInfo, bool) {
	b, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return lockInfo{}, false
	}
	return parseLock(b)
}

// runDirs returns the entries of base that belong to the run stem: stem
// itself and stem.removing-N.
func (b *baseDir) runDirs(stem string) []string {
	var dirs []string
	for _, n := range b.others {
		if lockStem(n) == stem {
			dirs = append(dirs, n)
		}
	}
	return dirs
}

// checkRunDir says why the entry name of base is not the dir of the run
// whose token is token: not a real directory, another user's, on another
// mount, or without a marker naming token.
func (b *baseDir) checkRunDir(name, token string) string {
	fd, err := unix.Openat(b.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		var st unix.Stat_t
		if unix.Fstatat(b.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
			return "a symbolic link"
		}
		if errors.Is(err, unix.ENOTDIR) {
			return "not a directory"
		}
		return err.Error()
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return err.Error()
	}
	if int(st.Uid) != b.uid {
		return fmt.Sprintf("owned by uid %d", st.Uid)
	}
	if m, err := mountID(fd); err != nil || m != b.mnt {
		return "on another mount than " + b.path
	}
	mfd, err := unix.Openat(fd, MarkerName, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	switch {
	case errors.Is(err, unix.ELOOP):
		return "its marker is a symbolic link"
	case err != nil:
		return "no benchrig marker in it"
	}
	m := os.NewFile(uintptr(mfd), MarkerName)
	defer m.Close()
	var mst unix.Stat_t
	content, err := io.ReadAll(io.LimitReader(m, 4096))
	if err != nil || unix.Fstat(mfd, &mst) != nil || mst.Mode&unix.S_IFMT != unix.S_IFREG || int(mst.Uid) != b.uid || markerToken(content) != token {
		return "its marker is not the lock's"
	}
	return ""
}
