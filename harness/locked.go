package harness

import (
	"io"

	"github.com/benchrig/benchrig/internal/scratch"
)

// LockedDir is a work dir kept the way benchmark run dirs are:
// BENCHRIG_DIR/run-<name>-<timestamp>-<pid> with a flock-ed lock file beside
// it for the life of its owner and a marker inside (see internal/scratch),
// so whichever benchrig command or benchmark run comes next sweeps it once
// its owner is dead. Commands that are not benchmarks (the worktrees and
// binaries of benchrig run, ab and power) keep their scratch in one.
type LockedDir struct {
	Dir string
	run *scratch.Run
}

// NewLockedDir checks BENCHRIG_DIR as a benchmark run does (the same
// messages and fixes), sweeps what dead runs left there (notes go to log;
// before, when set, is called with each dead dir before it is removed) and
// creates a new locked dir run-<name>-<timestamp>-<pid>. name is lowercase
// letters and digits.
func NewLockedDir(name string, log io.Writer, before func(dir string)) (*LockedDir, error) {
	r, err := scratch.Open(name, log, before)
	if err != nil {
		return nil, err
	}
	return &LockedDir{Dir: r.Dir, run: r}, nil
}

// Close removes the dir (its marker last), then its lock file, then
// releases the lock.
func (d *LockedDir) Close() error { return d.run.Close() }
