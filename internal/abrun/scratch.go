package abrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/benchrig/benchrig/internal/scratch"
)

// Scratch is one command's work dir: a [scratch.Run] named
// BENCHRIG_DIR/run-benchrun-<timestamp>-<pid>, so a benchmark run's sweep
// removes a dead command's dir as well as the next command's sweep does.
// Every go command the runner starts has GOTMPDIR and TMPDIR in it, and the
// test binaries it runs have TMPDIR in it, so the go-build work dirs and
// temporary files of a command that is killed go with its dir.
type Scratch struct {
	*scratch.Run
	goTmp  string // GOTMPDIR and TMPDIR of the go commands
	binTmp string // TMPDIR of the test binaries
}

const (
	scratchName = "benchrun"
	repoFile    = "repo"  // inside Dir: the git repository whose worktrees live here
	goTmpName   = "gotmp" // inside Dir: GOTMPDIR and TMPDIR of the go commands
	binTmpName  = "tmp"   // inside Dir: TMPDIR of the test binaries
)

// straysWait bounds how long closing an interrupted command's dir waits for
// the processes still using it to die.
const straysWait = 5 * time.Second

// NewScratch sweeps BENCHRIG_DIR and creates a new locked work dir in it.
// repo, when not empty, is the git repository whose worktrees the dir will
// hold: git worktree prune runs there after this sweep, and a later sweep of
// this dir (once this command is dead) prunes the repository it names.
func NewScratch(repo string, log io.Writer) (*Scratch, error) {
	var dead []string
	d, err := scratch.Open(scratchName, log, func(dir string) {
		if b, err := os.ReadFile(filepath.Join(dir, repoFile)); err == nil {
			dead = append(dead, string(b))
		}
	})
	if err != nil {
		return nil, err
	}
	for _, r := range append(dead, repo) {
		pruneWorktrees(context.Background(), r)
	}
	s := &Scratch{Run: d, goTmp: filepath.Join(d.Dir, goTmpName), binTmp: filepath.Join(d.Dir, binTmpName)}
	err = os.WriteFile(filepath.Join(s.Dir, repoFile), []byte(repo), 0o644)
	for _, dir := range []string{s.goTmp, s.binTmp} {
		if err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("work dir %s: %w; check that BENCHRIG_DIR is writable and has free space", s.Dir, err)
	}
	return s, nil
}

// goEnv is what every go command of the command adds to its environment:
// the go command's work dirs (GOTMPDIR) and its tools' temporary files
// (TMPDIR: the compiler's, the external linker's) stay in the dir.
func (s *Scratch) goEnv() []string {
	return []string{"GOTMPDIR=" + s.goTmp, "TMPDIR=" + s.goTmp}
}

// binEnv is what the test binaries add to their environment: their
// temporary files (t.TempDir, os.CreateTemp("", ...)) stay in the dir, on
// the filesystem BENCHRIG_DIR names, which is the one being measured.
func (s *Scratch) binEnv() []string {
	return []string{"TMPDIR=" + s.binTmp}
}

// CleanupError says that a command's work dir could not be removed.
type CleanupError struct {
	Dir string
	Err error
}

func (e *CleanupError) Error() string {
	return fmt.Sprintf("work dir %s not removed: %v; the next benchrig command or benchmark run sweeps it", e.Dir, e.Err)
}

func (e *CleanupError) Unwrap() error { return e.Err }

// closeScratch removes s at the end of a command. When ctx was cancelled
// (a signal), the processes this command started that are still alive (a
// go command's compiler that outlived it) are killed first, and a failure is joined to *err so
// the command's last message can say the dir is left; otherwise a failure
// is a warning on log: the next command's sweep removes the dir.
func closeScratch(ctx context.Context, s *Scratch, log io.Writer, err *error) {
	if ctx.Err() != nil {
		if _, kerr := scratch.KillOwn(straysWait); kerr != nil && !errors.Is(kerr, errors.ErrUnsupported) {
			fmt.Fprintf(log, "benchrig: %v\n", kerr)
		}
	}
	cerr := s.Close()
	if cerr == nil {
		return
	}
	ce := &CleanupError{Dir: s.Dir, Err: cerr}
	if ctx.Err() != nil {
		*err = errors.Join(*err, ce)
		return
	}
	fmt.Fprintf(log, "benchrig: %v\n", ce)
}
