package abrun

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/benchrig/benchrig/harness"
)

// Scratch is one command's work dir: a [harness.LockedDir] named
// BENCHRIG_DIR/run-benchrun-<timestamp>-<pid>, so a benchmark run's sweep
// removes a dead command's dir as well as the next command's sweep does.
type Scratch struct {
	*harness.LockedDir
}

const (
	scratchName = "benchrun"
	repoFile    = "repo" // inside Dir: the git repository whose worktrees live here
)

// NewScratch sweeps BENCHRIG_DIR and creates a new locked work dir in it.
// repo, when not empty, is the git repository whose worktrees the dir will
// hold: git worktree prune runs there after this sweep, and a later sweep of
// this dir (once this command is dead) prunes the repository it names.
func NewScratch(repo string, log io.Writer) (*Scratch, error) {
	var dead []string
	d, err := harness.NewLockedDir(scratchName, log, func(dir string) {
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
	s := &Scratch{d}
	if err := os.WriteFile(filepath.Join(s.Dir, repoFile), []byte(repo), 0o644); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
