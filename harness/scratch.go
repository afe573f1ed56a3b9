package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
	path, lockPath, lock, err := newLocked(base, runPrefix)
	if err != nil {
		return "", err
	}
	r.path, r.lock, r.lockPath = path, lock, lockPath
	return path, nil
}

// newLocked creates base/<prefix><timestamp>-<pid> and its lock file beside
// it, flock-ed for the life of the process (or until closed).
func newLocked(base, prefix string) (path, lockPath string, lock *os.File, err error) {
	for attempt := 0; attempt < 20; attempt++ {
		name := fmt.Sprintf("%s%s-%d", prefix, time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid())
		lockPath = filepath.Join(base, name+lockSuffix)
		lock, err = createLock(lockPath)
		if errors.Is(err, errRetry) {
			continue
		}
		if err != nil {
			return "", "", nil, err
		}
		path = filepath.Join(base, name)
		if err := os.Mkdir(path, 0o755); err != nil {
			os.Remove(lockPath)
			lock.Close()
			return "", "", nil, fmt.Errorf("create run dir: %w; check that %s is writable", err, envDir)
		}
		return path, lockPath, lock, nil
	}
	return "", "", nil, fmt.Errorf("could not create and lock a run dir in %s after 20 attempts (another process keeps removing it?)", base)
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

// current returns the run dir, "" when none was created.
func (r *run) current() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.path
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
