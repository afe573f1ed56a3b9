package harness

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
)

const (
	envDir     = "BENCHRIG_DIR"
	envMachine = "BENCHRIG_MACHINE"
	runPrefix  = "run-"
	lockSuffix = ".lock"
	sharedPref = "shared-"
)

// defaultDir returns <os.UserCacheDir()>/benchrig.
func defaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("%s is unset and the user cache dir is unknown (%w); set %s to a directory on the disk to measure", envDir, err, envDir)
	}
	return filepath.Join(c, "benchrig"), nil
}

// benchDir returns the scratch parent: BENCHRIG_DIR, which must be an
// existing, writable directory given as an absolute path, or the default
// <os.UserCacheDir()>/benchrig, which is created when create is set.
func benchDir(create bool) (string, error) {
	v, set := os.LookupEnv(envDir)
	if !set || v == "" {
		d, err := defaultDir()
		if err != nil {
			return "", err
		}
		if create {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", fmt.Errorf("create default scratch dir: %w; set %s to a writable directory on the disk to measure", err, envDir)
			}
		}
		if err := checkWritable(d, "the default scratch dir "+d, "set "+envDir+" to a writable directory on the disk to measure"); err != nil && create {
			return "", err
		}
		return d, nil
	}
	if !filepath.IsAbs(v) {
		return "", fmt.Errorf("%s=%q is a relative path, and go test runs each package in its own directory; set %s to an absolute path, e.g. %s=$PWD/%s", envDir, v, envDir, envDir, v)
	}
	fi, err := os.Stat(v)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s=%s does not exist; create it (mkdir -p %s) or unset %s to use the default <user cache dir>/benchrig", envDir, v, v, envDir)
	case err != nil:
		return "", fmt.Errorf("%s=%s: %w; point %s at a writable directory on the disk to measure", envDir, v, err, envDir)
	case !fi.IsDir():
		return "", fmt.Errorf("%s=%s is not a directory (%s); point %s at a directory on the disk to measure", envDir, v, fi.Mode().Type(), envDir)
	}
	if err := checkWritable(v, envDir+"="+v, "fix its permissions (chmod u+w) or point "+envDir+" at a writable directory"); err != nil {
		return "", err
	}
	return v, nil
}

func checkWritable(dir, what, fix string) error {
	err := platform.Writable(dir)
	if err == nil || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return fmt.Errorf("%s is not writable: %w; %s", what, err, fix)
}

// run is this process's run dir and its lock.
type run struct {
	mu       sync.Mutex
	path     string   // <base>/run-<timestamp>-<pid>, "" until created
	lock     *os.File // flock held for the life of the run
	lockPath string
	shared   map[string]string
}

var theRun run

// dir returns this process's run dir, creating it (and its lock) on first
// use.
func (r *run) dir() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dirLocked()
}

func (r *run) dirLocked() (string, error) {
	if r.path != "" {
		return r.path, nil
	}
	base, err := benchDir(true)
	if err != nil {
		return "", err
	}
	for attempt := 0; attempt < 20; attempt++ {
		name := fmt.Sprintf("%s%s-%d", runPrefix, time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid())
		lockPath := filepath.Join(base, name+lockSuffix)
		lock, err := createLock(lockPath)
		if errors.Is(err, errRetry) {
			continue
		}
		if err != nil {
			return "", err
		}
		path := filepath.Join(base, name)
		if err := os.Mkdir(path, 0o755); err != nil {
			os.Remove(lockPath)
			lock.Close()
			return "", fmt.Errorf("create run dir: %w; check that %s is writable", err, envDir)
		}
		r.path, r.lock, r.lockPath = path, lock, lockPath
		return path, nil
	}
	return "", fmt.Errorf("could not create and lock a run dir in %s after 20 attempts (another process keeps removing it?)", base)
}

var errRetry = errors.New("retry")

// createLock creates a new lock file and takes its flock. A concurrent sweep
// may take the fresh lock first and unlink the file; so after locking it
// checks that the path still names the inode it holds, and asks for a retry
// otherwise.
func createLock(lockPath string) (*os.File, error) {
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errRetry
	}
	if err != nil {
		return nil, fmt.Errorf("create run lock: %w; check that %s is writable", err, envDir)
	}
	if err := platform.Flock(f, true); err != nil {
		f.Close()
		if errors.Is(err, platform.ErrWouldBlock) {
			return nil, errRetry
		}
		return nil, fmt.Errorf("lock run: %w", err)
	}
	held, err1 := f.Stat()
	now, err2 := os.Lstat(lockPath)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close()
		return nil, errRetry
	}
	fmt.Fprintf(f, "pid %d\nargs %q\nstarted %s\n", os.Getpid(), os.Args, time.Now().UTC().Format(time.RFC3339))
	return f, nil
}

// close removes the run dir, then its lock file, then releases the lock.
// It is safe to call when no run dir was created.
func (r *run) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.path == "" {
		return nil
	}
	err := RemoveAll(r.path)
	if err != nil {
		err = fmt.Errorf("remove run dir: %w (the next benchmark run sweeps it)", err)
	} else if rerr := os.Remove(r.lockPath); rerr != nil {
		err = fmt.Errorf("remove run lock: %w", rerr)
	}
	r.lock.Close()
	r.path, r.lock, r.lockPath, r.shared = "", nil, "", nil
	return err
}

// sweep removes what killed runs left in base: every run lock that can be
// taken without waiting belongs to a dead process, so its run dir and then
// the lock file go. A run dir without a lock file is the rest of an
// interrupted sweep and goes too. Only run-* entries are ever touched. A
// run that cannot be swept (another user's, in a shared BENCHRIG_DIR) is
// reported on log and left; only an unreadable base is an error.
func sweep(base string, log io.Writer) error {
	entries, err := os.ReadDir(base)
	if err != nil {
		return fmt.Errorf("sweep %s: %w; check %s", base, err, envDir)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, runPrefix) {
			continue
		}
		p := filepath.Join(base, name)
		if strings.HasSuffix(name, lockSuffix) {
			if !e.Type().IsRegular() {
				continue
			}
			swept, err := sweepLock(p)
			switch {
			case err != nil:
				fmt.Fprintf(log, logPrefix+"cannot sweep %s: %v; remove it by hand if no benchmark is running\n", strings.TrimSuffix(p, lockSuffix), err)
			case swept:
				fmt.Fprintf(log, logPrefix+"swept %s, left by a killed run\n", strings.TrimSuffix(p, lockSuffix))
			}
			continue
		}
		if !e.IsDir() {
			continue
		}
		if _, err := os.Lstat(p + lockSuffix); errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Lstat(p); err != nil {
				continue // its owner removed it (dir first, then lock) meanwhile
			}
			if err := RemoveAll(p); err != nil {
				fmt.Fprintf(log, logPrefix+"cannot sweep %s: %v; remove it by hand\n", p, err)
				continue
			}
			fmt.Fprintf(log, logPrefix+"swept %s, left by an interrupted sweep\n", p)
		}
	}
	return nil
}

// sweepLock removes the run of lockPath when nobody holds its lock.
func sweepLock(lockPath string) (bool, error) {
	f, err := os.Open(lockPath) // flock needs no write access
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // its owner or another sweep removed it
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	if err := platform.Flock(f, true); err != nil {
		if errors.Is(err, platform.ErrWouldBlock) {
			return false, nil // a live run
		}
		return false, err
	}
	held, err1 := f.Stat()
	now, err2 := os.Lstat(lockPath)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		return false, nil // replaced while we locked it
	}
	dir := strings.TrimSuffix(lockPath, lockSuffix)
	if err := RemoveAll(dir); err != nil {
		return false, err
	}
	if err := os.Remove(lockPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}

// Dir returns a fresh, empty directory for this benchmark under the run dir in
// BENCHRIG_DIR, removed when tb ends. It skips tb (naming bytes needed and
// bytes free, and the fix) when the filesystem has less than need bytes free.
func Dir(tb testing.TB, need int64) string {
	tb.Helper()
	run, err := theRun.dir()
	if err != nil {
		skipOrFatal(tb, "scratch dir", err)
	}
	requireFree(tb, run, need)
	d, err := os.MkdirTemp(run, safeName(tb.Name())+"-")
	if err != nil {
		tb.Fatalf("harness.Dir: %v", err)
	}
	tb.Cleanup(func() {
		if err := RemoveAll(d); err != nil {
			tb.Errorf("harness.Dir cleanup: %v", err)
		}
	})
	return d
}

// Shared returns a directory named name under the run dir that lives for the
// whole run (removed by Main), for data built once per run and reused across
// benchmarks (a directio data file, generated module trees). The first call
// creates it and checks need bytes free as Dir does; later calls return the
// same path. It is safe for concurrent use.
func Shared(tb testing.TB, name string, need int64) string {
	tb.Helper()
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		tb.Fatalf("harness.Shared: name %q must be a single path element", name)
	}
	theRun.mu.Lock()
	defer theRun.mu.Unlock()
	if p, ok := theRun.shared[name]; ok {
		return p
	}
	run, err := theRun.dirLocked()
	if err != nil {
		skipOrFatal(tb, "shared scratch dir", err)
	}
	requireFree(tb, run, need)
	p := filepath.Join(run, sharedPref+name)
	if err := os.Mkdir(p, 0o755); err != nil {
		tb.Fatalf("harness.Shared: %v", err)
	}
	if theRun.shared == nil {
		theRun.shared = map[string]string{}
	}
	theRun.shared[name] = p
	return p
}

// requireFree skips tb when dir's filesystem has fewer than need bytes free.
func requireFree(tb testing.TB, dir string, need int64) {
	tb.Helper()
	fsi, err := platform.Statfs(dir)
	if err != nil {
		skipOrFatal(tb, "free space check", err)
	}
	if free := fsi.Free(); free < need {
		tb.Skipf("needs %d bytes (%s), %d (%s) free on %s at %s; free space or set %s to a directory with more room",
			need, mib(need), free, mib(free), fsi.Name, dir, envDir)
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// skipOrFatal skips tb when err says the platform cannot do what was asked,
// and fails it otherwise.
func skipOrFatal(tb testing.TB, what string, err error) {
	tb.Helper()
	if errors.Is(err, errors.ErrUnsupported) {
		tb.Skipf("%s: %v", what, err)
	}
	tb.Fatalf("%s: %v", what, err)
}

// safeName turns a test name into one path element.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == '=':
		default:
			b[i] = '_'
		}
	}
	if len(b) > 100 {
		b = b[:100]
	}
	return string(b)
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
		tb.Skipf("needs Linux (page cache, block-device and rusage accounting), this is %s", runtime.GOOS)
	}
}

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

// FSType returns the filesystem name of path ("ext4", "tmpfs", ...), or
// "unknown".
func FSType(path string) string {
	fsi, err := platform.Statfs(path)
	if err != nil {
		return unknown
	}
	return fsi.Name
}
