package abrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// RunConfig describes a run: Count iterations of every matched package's
// test binary, built once. An empty Pattern is ./bench/... in benchrig
// itself and ./... in any other module.
type RunConfig struct {
	Module  string // module directory
	Pattern string // package pattern, e.g. ./bench/...; "" for the default
	Count   int
	Args    BenchFlags
	Out     string // results file; must not exist
	Stderr  io.Writer
	// Estimate, when set, says up front how long the run should take,
	// given the packages built.
	Estimate func(pkgs []string) string
	// Env is added to every test binary's environment (e.g.
	// BENCHRIG_CLAIMS=1).
	Env []string
}

// Run builds the test binaries of cfg.Pattern once (stamped with the
// module's revision) and runs each cfg.Count times, one fresh process per
// package and iteration (BENCHRIG_ITERATION=1, 2, … in its environment),
// from its package directory, appending everything it prints to cfg.Out.
// Progress and an ETA go to cfg.Stderr.
func Run(ctx context.Context, cfg RunConfig) (err error) {
	if _, err := os.Lstat(cfg.Out); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s exists; pick another LABEL or move it away", cfg.Out)
	}
	s, err := NewScratch("", cfg.Stderr)
	if err != nil {
		return err
	}
	defer closeScratch(ctx, s, cfg.Stderr, &err)
	if cfg.Pattern == "" {
		cfg.Pattern = s.defaultPattern(ctx, cfg.Module)
	}
	bins, err := s.Build(ctx, cfg.Module, cfg.Pattern, Revision(ctx, cfg.Module), filepath.Join(s.Dir, "bin"), cfg.Stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Out), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(cfg.Out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	// The binaries' stderr and the progress lines reach cfg.Stderr from
	// different goroutines: one lock orders them.
	cfg.Stderr = &lockedWriter{w: cfg.Stderr}
	count, per := cfg.Count, ""
	if cfg.Args.Count > 1 {
		count, per = cfg.Count*cfg.Args.Count, fmt.Sprintf(" (%d per process)", cfg.Args.Count)
	}
	fmt.Fprintf(cfg.Stderr, "benchrig: running -bench %q -count %d%s into %s\n", cfg.Args.Bench, count, per, cfg.Out)
	if cfg.Estimate != nil {
		var pkgs []string
		for _, b := range bins {
			pkgs = append(pkgs, b.Pkg)
		}
		fmt.Fprintf(cfg.Stderr, "benchrig: %s\n", cfg.Estimate(pkgs))
	}
	p := newProgress(cfg.Stderr, "iteration", cfg.Count)
	cells := make([]int, len(bins)) // per package, from the last iteration
	for i := 1; i <= cfg.Count; i++ {
		p.step(i)
		for k, b := range bins {
			start := time.Now()
			w := newCellWatch(out, cfg.Stderr, fmt.Sprintf("iteration %d of %d, %s", i, cfg.Count, shortPkg(b.Pkg)), cells[k], quietOutput)
			env := append(slices.Clone(cfg.Env), fmt.Sprintf("BENCHRIG_ITERATION=%d", i))
			err := runBinary(ctx, b, cfg.Args.flags(cfg.Args.Bench), env, w, cfg.Stderr)
			cells[k] = w.finish()
			if err != nil {
				return fmt.Errorf("iteration %d: %w (output so far in %s)", i, err, cfg.Out)
			}
			// go test's closing line, with the package's time, which
			// benchrig run uses to estimate the next run's duration.
			fmt.Fprintf(out, "ok  \t%s\t%.3fs\n", b.Pkg, time.Since(start).Seconds())
		}
	}
	p.done()
	return out.Close()
}

// quietOutput is the longest a run goes without a progress line.
const quietOutput = 10 * time.Second

// lockedWriter serializes writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
