package harness

import (
	"fmt"
	"io"
	"os"
)

// LockedDir is a work dir kept the way benchmark run dirs are:
// BENCHRIG_DIR/run-<name>-<timestamp>-<pid> with a flock-ed lock file beside
// it for the life of its owner, so whichever benchrig command or benchmark
// run comes next sweeps it once its owner is dead. Commands that are not
// benchmarks (benchrun's worktrees and binaries) keep their scratch in one.
type LockedDir struct {
	Dir      string
	lockPath string
	lock     *os.File
}

// NewLockedDir checks BENCHRIG_DIR as a benchmark run does (the same
// messages and fixes), sweeps what dead runs left there (notes go to log;
// before, when set, is called with each dead dir before it is removed) and
// creates a new locked dir run-<name>-<timestamp>-<pid>. name is lowercase
// letters and digits.
func NewLockedDir(name string, log io.Writer, before func(dir string)) (*LockedDir, error) {
	if !familyName.MatchString(name) {
		return nil, fmt.Errorf("locked dir name %q: want lowercase letters and digits", name)
	}
	base, err := benchDir(true)
	if err != nil {
		return nil, err
	}
	if err := sweepWith(base, log, before); err != nil {
		return nil, err
	}
	path, lockPath, lock, err := newLocked(base, runPrefix+name+"-")
	if err != nil {
		return nil, err
	}
	return &LockedDir{Dir: path, lockPath: lockPath, lock: lock}, nil
}

// Close removes the dir, then its lock file, then releases the lock.
func (d *LockedDir) Close() error {
	err := RemoveAll(d.Dir)
	if err == nil {
		err = os.Remove(d.lockPath)
	}
	d.lock.Close()
	return err
}
