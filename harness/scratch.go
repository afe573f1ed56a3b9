package harness

import (
	"fmt"
	"sync"

	"github.com/benchrig/benchrig/internal/scratch"
)

const (
	envDir     = "BENCHRIG_DIR"
	envMachine = "BENCHRIG_MACHINE"
	runPrefix  = scratch.Prefix
	lockSuffix = scratch.LockSuffix
	sharedPref = "shared-"
)

// run is this process's run dir and its lock.
type run struct {
	mu     sync.Mutex
	r      *scratch.Run // nil until created
	path   string       // r.Dir, "" until created
	shared map[string]string
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
	sr, err := scratch.Create(base, runPrefix)
	if err != nil {
		return "", fmt.Errorf("%w; check that %s is writable", err, envDir)
	}
	r.r, r.path = sr, sr.Dir
	return r.path, nil
}

// current returns the run dir, "" when none was created.
func (r *run) current() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.path
}

// lockPath returns the run's lock file, "" when none was created.
func (r *run) lockPath() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.r == nil {
		return ""
	}
	return r.r.LockPath
}

// close removes the run dir, then its lock file, then releases the lock.
// It is safe to call when no run dir was created.
func (r *run) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.path == "" {
		return nil
	}
	err := r.r.Close()
	if err != nil {
		err = fmt.Errorf("remove run dir: %w (the next benchmark run sweeps it)", err)
	}
	r.r, r.path, r.shared = nil, "", nil
	return err
}
