package abrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/platform"
)

// Scratch is one command's locked work dir, BENCHRIG_DIR/run-benchrun-
// <timestamp>-<pid>, with its flock-ed lock file beside it. The run- prefix
// and the lock follow the harness's run dirs, so a benchmark run's sweep
// removes a dead command's dir as well as the next command's sweep does.
type Scratch struct {
	Dir  string
	lock *os.File
}

const (
	scratchPrefix = "run-benchrun-"
	lockSuffix    = ".lock"
	repoFile      = "repo" // inside Dir: the git repository whose worktrees live here
)

// ScratchBase returns BENCHRIG_DIR (which must be an absolute path), or
// <user cache dir>/benchrig, creating it when missing.
func ScratchBase() (string, error) {
	d := os.Getenv("BENCHRIG_DIR")
	if d == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("BENCHRIG_DIR is unset and the user cache dir is unknown (%w); set BENCHRIG_DIR", err)
		}
		d = filepath.Join(c, "benchrig")
	} else if !filepath.IsAbs(d) {
		return "", fmt.Errorf("BENCHRIG_DIR=%q is a relative path; set it to an absolute path, e.g. BENCHRIG_DIR=$PWD/%s", d, d)
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("create scratch parent: %w; set BENCHRIG_DIR to a writable directory", err)
	}
	return d, nil
}

// NewScratch sweeps [ScratchBase] and creates a new locked work dir in it.
// repo, when not empty, is the git repository whose worktrees the dir will
// hold; a sweep of the dead dir runs git worktree prune there.
func NewScratch(repo string, log io.Writer) (*Scratch, error) {
	base, err := ScratchBase()
	if err != nil {
		return nil, err
	}
	return newScratchIn(base, repo, log)
}

func newScratchIn(base, repo string, log io.Writer) (*Scratch, error) {
	Sweep(base, log)
	var lock *os.File
	for attempt := 0; lock == nil; attempt++ {
		if attempt == 5 {
			return nil, fmt.Errorf("could not create and lock a work dir in %s (another process keeps removing it?)", base)
		}
		var err error
		if lock, err = createLock(base); err != nil {
			return nil, err
		}
	}
	s := &Scratch{Dir: strings.TrimSuffix(lock.Name(), lockSuffix), lock: lock}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		s.Close()
		return nil, fmt.Errorf("create work dir: %w", err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, repoFile), []byte(repo), 0o644); err != nil {
		s.Close()
		return nil, fmt.Errorf("create work dir: %w", err)
	}
	return s, nil
}

// createLock creates and flocks a new lock file in base. It returns nil, nil
// when a concurrent sweep took the fresh file first (try again).
func createLock(base string) (*os.File, error) {
	name := fmt.Sprintf("%s%s-%d", scratchPrefix, time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid())
	lockPath := filepath.Join(base, name+lockSuffix)
	lock, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("create lock: %w; check that %s is writable", err, base)
	}
	err = platform.Flock(lock, true)
	if held, serr := lock.Stat(); errors.Is(err, platform.ErrWouldBlock) || serr != nil || !sameFile(held, lockPath) {
		lock.Close()
		return nil, nil
	}
	if err != nil && !errors.Is(err, errors.ErrUnsupported) {
		lock.Close()
		os.Remove(lockPath)
		return nil, fmt.Errorf("lock %s: %w", lockPath, err)
	}
	return lock, nil
}

// Close removes the dir, then the lock file, then releases the lock.
func (s *Scratch) Close() error {
	err := harness.RemoveAll(s.Dir)
	if err == nil {
		err = os.Remove(s.lock.Name())
	}
	s.lock.Close()
	return err
}

// Sweep removes the work dirs of dead commands in base (their lock can be
// taken without waiting) and prunes the git worktrees they held. Only
// run-benchrun-* entries are touched; what cannot be removed is reported
// on log.
func Sweep(base string, log io.Writer) {
	locks, _ := filepath.Glob(filepath.Join(base, scratchPrefix+"*"+lockSuffix))
	for _, l := range locks {
		if repo, ok := sweepOne(l, log); ok {
			pruneWorktrees(context.Background(), repo)
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(base, scratchPrefix+"*"))
	for _, d := range dirs {
		if strings.HasSuffix(d, lockSuffix) {
			continue
		}
		if _, err := os.Lstat(d + lockSuffix); errors.Is(err, fs.ErrNotExist) {
			repo, _ := os.ReadFile(filepath.Join(d, repoFile))
			if err := harness.RemoveAll(d); err != nil {
				fmt.Fprintf(log, "benchrun: cannot sweep %s: %v; remove it by hand\n", d, err)
				continue
			}
			pruneWorktrees(context.Background(), string(repo))
		}
	}
}

// sweepOne removes the dir of lockPath when nobody holds the lock and
// returns the repository it named.
func sweepOne(lockPath string, log io.Writer) (string, bool) {
	f, err := os.Open(lockPath)
	if err != nil {
		return "", false
	}
	defer f.Close()
	if err := platform.Flock(f, true); err != nil {
		return "", false // a live command (or no flock here: never guess)
	}
	if held, err := f.Stat(); err != nil || !sameFile(held, lockPath) {
		return "", false
	}
	dir := strings.TrimSuffix(lockPath, lockSuffix)
	repo, _ := os.ReadFile(filepath.Join(dir, repoFile))
	if err := harness.RemoveAll(dir); err != nil {
		fmt.Fprintf(log, "benchrun: cannot sweep %s: %v; remove it by hand\n", dir, err)
		return "", false
	}
	os.Remove(lockPath)
	fmt.Fprintf(log, "benchrun: swept %s, left by a killed run\n", dir)
	return string(repo), true
}

func sameFile(held fs.FileInfo, path string) bool {
	now, err := os.Lstat(path)
	return err == nil && os.SameFile(held, now)
}
