package harness

import (
	"errors"
	"fmt"
	"os"
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
	extra  map[string]*scratch.Run // parent → this run's dir there (RunDirIn)
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

// RunDirIn returns this run's dir in parent, a directory on another
// filesystem than BENCHRIG_DIR (a tmpfs for a cache that must not be on the
// disk under test), created on first use as a run of its own there, with
// its lock and marker, after a sweep of parent: so a run killed while
// using it leaves it to the next run that uses parent. It lives until
// [Main] ends the run; what a benchmark puts in it is the benchmark's to
// remove.
func RunDirIn(parent string) (string, error) {
	parkIfInterrupted()
	theRun.mu.Lock()
	defer theRun.mu.Unlock()
	if er, ok := theRun.extra[parent]; ok {
		return er.Dir, nil
	}
	if err := scratch.Sweep(parent, os.Stderr, nil); err != nil {
		return "", err
	}
	er, err := scratch.Create(parent, runPrefix)
	if err != nil {
		return "", fmt.Errorf("%w; check that %s is writable", err, parent)
	}
	if theRun.extra == nil {
		theRun.extra = map[string]*scratch.Run{}
	}
	theRun.extra[parent] = er
	return er.Dir, nil
}

// close removes the run dir and the run's dirs elsewhere, each before its
// lock file, then releases the locks. It is safe to call when no run dir was
// created.
func (r *run) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for _, er := range r.extra {
		errs = append(errs, er.Close())
	}
	if r.path != "" {
		errs = append(errs, r.r.Close())
	}
	r.r, r.path, r.shared, r.extra = nil, "", nil, nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove run dir: %w (the next benchmark run sweeps it)", err)
	}
	return nil
}
