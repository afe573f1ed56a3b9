package abrun

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ABConfig describes an A/B comparison of two revisions of a module.
type ABConfig struct {
	Dir        string // a directory of the module, inside its git repository
	RevA, RevB string // git revisions; A is the base, B the head
	Pattern    string // package pattern, e.g. ./...; "" as in [RunConfig]
	Flags      BenchFlags
	Quiet      Quiet
	Sampling   Sampling
	Results    string // directory for ab-<A>-vs-<B>.{a,b}.txt
	Decider    Decider
	Stdout     io.Writer // the gate's report
	Stderr     io.Writer // progress and notes
}

// AB checks RevA and RevB out in git worktrees under a locked work dir,
// builds both sets of test binaries, runs them in pairs (see [Sampling])
// into two results files and gates B against A. It returns the gate's
// exit code (0 pass, 1 regression, 2 insufficient samples). The worktrees
// and the work dir are removed on every return, cancellation included.
func AB(ctx context.Context, cfg ABConfig) (code int, err error) {
	top, err := git(ctx, cfg.Dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return 0, fmt.Errorf("%s is not in a git repository (%w); ab compares git revisions", cfg.Dir, err)
	}
	prefix, err := git(ctx, cfg.Dir, "rev-parse", "--show-prefix")
	if err != nil {
		return 0, err
	}
	a := &Side{Name: "A", Rev: cfg.RevA}
	b := &Side{Name: "B", Rev: cfg.RevB}
	commits := map[*Side]string{}
	for _, s := range []*Side{a, b} {
		if commits[s], err = resolveCommit(ctx, top, s.Rev); err != nil {
			return 0, fmt.Errorf("revision %s: %w", s.Name, err)
		}
	}
	pruneWorktrees(ctx, top)
	s, err := NewScratch(top, cfg.Stderr)
	if err != nil {
		return 0, err
	}
	var worktrees []string
	defer func() {
		// Not ctx: it may be cancelled, and cleanup must still run.
		for _, wt := range worktrees {
			_, _ = git(context.Background(), top, "worktree", "remove", "--force", wt)
		}
		closeScratch(ctx, s, cfg.Stderr, &err)
		pruneWorktrees(context.Background(), top)
	}()
	if cfg.Pattern == "" {
		cfg.Pattern = s.defaultPattern(ctx, cfg.Dir)
	}
	for _, side := range []*Side{a, b} {
		c := commits[side]
		wt := filepath.Join(s.Dir, strings.ToLower(side.Name))
		fmt.Fprintf(cfg.Stderr, "benchrig: %s = %s (%s)\n", side.Name, side.Rev, c[:revLen])
		if _, err := git(ctx, top, "worktree", "add", "--detach", wt, c); err != nil {
			return 0, fmt.Errorf("check out %s (%s): %w", side.Name, side.Rev, err)
		}
		worktrees = append(worktrees, wt)
		side.Bins, err = s.Build(ctx, filepath.Join(wt, prefix), cfg.Pattern, c[:revLen], wt+"-bin", cfg.Stderr)
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			return 0, fmt.Errorf("revision %s (%s, %s) does not build: %w", side.Rev, side.Name, c[:revLen], err)
		}
	}
	name := fmt.Sprintf("ab-%s-vs-%s", commits[a][:revLen], commits[b][:revLen])
	d, err := compareSides(ctx, cfg, a, b, filepath.Join(cfg.Results, name))
	if err != nil {
		return 0, err
	}
	return d.Code, nil
}

// compareSides samples a and b into <stem>.a.txt and <stem>.b.txt, gates
// them and writes the report.
func compareSides(ctx context.Context, cfg ABConfig, a, b *Side, stem string) (*Decision, error) {
	if err := os.MkdirAll(filepath.Dir(stem), 0o755); err != nil {
		return nil, err
	}
	files, closeAll, err := openSides(stem, a, b)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	_, only := common(a, b)
	for _, o := range only {
		fmt.Fprintf(cfg.Stderr, "benchrig: not compared: %s\n", o)
	}
	p := &pairer{a: a, b: b, flags: cfg.Flags, quiet: &cfg.Quiet, stderr: cfg.Stderr}
	start := time.Now()
	d, err := cfg.Sampling.run(ctx, p, cfg.Decider, stem, cfg.Stderr)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(cfg.Stderr, "benchrig: results in %s and %s (%d pairs, %s)\n", files[0], files[1], p.last, dur(time.Since(start)))
	return d, d.Write(cfg.Stdout)
}
