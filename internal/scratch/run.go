package scratch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Run is one run dir with its lock, held for the life of the run.
type Run struct {
	Dir      string // base/run-<name><timestamp>-<pid>
	LockPath string // Dir + ".lock"
	lock     *os.File
}

// errRetry asks Create for another name.
var errRetry = errors.New("retry")

// Create makes a new run dir base/<prefix><timestamp>-<pid> with its lock
// and marker (see the package doc). prefix starts with [Prefix]. The error
// names the path and suggests a fix.
func Create(base, prefix string) (*Run, error) {
	for range 20 {
		name := fmt.Sprintf("%s%s-%d", prefix, time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid())
		r, err := create(base, name)
		if errors.Is(err, errRetry) {
			continue
		}
		return r, err
	}
	return nil, fmt.Errorf("could not create and lock a run dir in %s after 20 attempts (another process keeps removing it?)", base)
}

// create makes the run named name: the lock first (so a death at any later
// point leaves a lock for the sweep), then the dir, then its marker.
func create(base, name string) (*Run, error) {
	lockPath := filepath.Join(base, name+LockSuffix)
	lock, err := createLock(lockPath)
	if err != nil {
		return nil, err
	}
	r := &Run{Dir: filepath.Join(base, name), LockPath: lockPath, lock: lock}
	if err := os.Mkdir(r.Dir, 0o755); err != nil {
		os.Remove(lockPath)
		lock.Close()
		return nil, fmt.Errorf("create run dir: %w; check that %s is writable", err, base)
	}
	if err := writeMarker(r.Dir); err != nil {
		return nil, errors.Join(fmt.Errorf("create run dir marker: %w", err), r.Close())
	}
	return r, nil
}

// writeMarker writes the marker into a dir this process just made.
func writeMarker(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, MarkerName), os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(markerContent(Token()))
	return errors.Join(err, f.Close())
}

// Open is what a command that is not a benchmark does for its scratch: it
// checks the scratch parent as a benchmark run does ([Base], creating the
// default), sweeps what dead runs left there (notes go to log; before, when
// set, is called with each dead run's dir before it is removed) and creates
// the run run-<name>-<timestamp>-<pid>. name is lowercase letters and
// digits.
func Open(name string, log io.Writer, before func(dir string)) (*Run, error) {
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		return nil, fmt.Errorf("run name %q: want lowercase letters and digits", name)
	}
	base, err := Base(true)
	if err != nil {
		return nil, err
	}
	if err := Sweep(base, log, before); err != nil {
		return nil, err
	}
	r, err := Create(base, Prefix+name+"-")
	if err != nil {
		return nil, fmt.Errorf("%w; check that %s is writable", err, EnvDir)
	}
	return r, nil
}

// Close removes the run dir (its marker last), then the lock file, then
// releases the lock. What cannot be removed is left for the next sweep
// (the lock stays) and named in the error.
func (r *Run) Close() error {
	if r == nil || r.lock == nil {
		return nil
	}
	err := RemoveRunDir(r.Dir)
	if err == nil {
		err = os.Remove(r.LockPath)
	}
	r.lock.Close()
	r.lock = nil
	return err
}
