package abrun

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/benchrig/benchrig/internal/child"
)

// revLen is the length of a stamped revision: the harness's VCS revision
// is cut to 12 hex digits too.
const revLen = 12

// git runs git in dir and returns its trimmed stdout; a failure carries
// git's stderr.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := child.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Revision returns the first 12 hex digits of HEAD in dir, with "-dirty"
// when the tree has uncommitted changes, or "unknown" outside git.
func Revision(ctx context.Context, dir string) string {
	rev, err := git(ctx, dir, "rev-parse", "HEAD")
	if err != nil || len(rev) < revLen {
		return "unknown"
	}
	rev = rev[:revLen]
	if st, err := git(ctx, dir, "status", "--porcelain"); err != nil || st != "" {
		rev += "-dirty"
	}
	return rev
}

// resolveCommit returns the full commit name of rev in the repository at dir.
func resolveCommit(ctx context.Context, dir, rev string) (string, error) {
	c, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil || c == "" {
		return "", fmt.Errorf("%s is not a commit in %s; name a branch, tag or commit (git log --oneline)", rev, dir)
	}
	return c, nil
}

// pruneWorktrees forgets the worktrees of repo whose directories are gone.
func pruneWorktrees(ctx context.Context, repo string) {
	if repo != "" {
		_, _ = git(ctx, repo, "worktree", "prune")
	}
}
