package harness

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/benchrig/benchrig/internal/platform"
)

// sweep removes what killed runs left in base: every run lock that can be
// taken without waiting belongs to a dead process, so its run dir and then
// the lock file go. A run dir without a lock file is the rest of an
// interrupted sweep and goes too. Processes still using a dead run's dir are
// killed first (matched by the dir, never by name). Only run-* entries are
// ever touched. A
// run that cannot be swept (another user's, in a shared BENCHRIG_DIR) is
// reported on log and left; only an unreadable base is an error.
func sweep(base string, log io.Writer) error { return sweepWith(base, log, nil) }

// sweepWith is sweep calling before(dir), when set, before a dead run's dir
// is removed.
func sweepWith(base string, log io.Writer, before func(dir string)) error {
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
			swept, err := sweepLock(p, log, before)
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
			killStrays(log, p, "was using a dead run's scratch dir")
			if before != nil {
				before(p)
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

// sweepLock removes the run of lockPath when nobody holds its lock, after
// killing the processes the dead run left using its dir (an orphaned
// compiler, a go command's detached child), which would write into the dir
// while it is removed, and outlive it.
func sweepLock(lockPath string, log io.Writer, before func(dir string)) (bool, error) {
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
	killStrays(log, dir, "was using a dead run's scratch dir")
	if before != nil {
		before(dir)
	}
	if err := RemoveAll(dir); err != nil {
		return false, err
	}
	if err := os.Remove(lockPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}
