package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/benchrig/benchrig/harness/abrun"
	"github.com/benchrig/benchrig/harness/gate"
)

func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, c := newFlags("run", "[flags] [LABEL]", stderr)
	pos, err := parse(fs, c, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageErr(fs, "want at most one LABEL, got %q", pos)
	}
	label := ""
	if len(pos) == 1 {
		label = pos[0]
	} else {
		label = abrun.Machine() + "-" + time.Now().Format("20060102-150405")
	}
	if label == "" || strings.ContainsAny(label, `/\`) {
		return usageErr(fs, "LABEL %q must be a non-empty file name without /", label)
	}
	dir, err := moduleDir()
	if err != nil {
		return err
	}
	if c.pkg == "" {
		c.pkg = abrun.DefaultPattern(ctx, dir)
	}
	out := filepath.Join(c.results, label+".txt")
	err = abrun.Run(ctx, abrun.RunConfig{Module: dir, Pattern: c.pkg, Count: c.count, Args: c.flags, Out: out, Stderr: stderr})
	if err == nil {
		fmt.Fprintln(stdout, out)
	}
	return err
}

func cmdAB(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, c := newFlags("ab", "A B [flags]", stderr)
	quiet := fs.Duration("quiet", 0, "before each pair wait up to `d` (e.g. 60s) for a quiet machine (CPU use <= 10% over 1s, Linux)")
	budget := fs.Duration("budget", 0, "time budget `d` (e.g. 10m): after the first -count pairs, more pairs for the rows still undecided until all are decided or it is spent; failing rows are confirmed")
	target := &targetFlag{gate.NewThresholds(gate.DefaultThreshold, nil)}
	fs.Var(target, "target", "smallest change worth catching, the gate's `threshold` (e.g. 5% or 5%,p99-ns=20%)")
	format := fs.String("format", "text", "gate report `format`: text, markdown or json")
	pos, err := parse(fs, c, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr(fs, "want two revisions A B, got %q", pos)
	}
	if *budget < 0 || *quiet < 0 {
		return usageErr(fs, "-budget and -quiet must not be negative")
	}
	f, err := gate.ParseFormat(*format)
	if err != nil {
		return usageErr(fs, "%v", err)
	}
	dir, err := moduleDir()
	if err != nil {
		return err
	}
	if c.pkg == "" {
		c.pkg = abrun.DefaultPattern(ctx, dir)
	}
	opts := gate.Options{Threshold: target.t}
	code, err := abrun.AB(ctx, abrun.ABConfig{
		Dir: dir, RevA: pos[0], RevB: pos[1], Pattern: c.pkg, Flags: c.flags,
		Quiet:    abrun.Quiet{Max: *quiet},
		Sampling: abrun.Sampling{Count: c.count, Budget: *budget},
		Results:  c.results,
		Decider:  abrun.GateDecider{Opts: opts, Format: f},
		Stdout:   stdout, Stderr: stderr,
	})
	if err != nil {
		return err
	}
	return exitErr(code)
}
