package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/abrun"
	"github.com/benchrig/benchrig/internal/gate"
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
		label = harness.Machine() + "-" + time.Now().Format("20060102-150405")
	}
	if label == "" || strings.ContainsAny(label, `/\`) {
		return usageErr(fs, "LABEL %q must be a non-empty file name without /", label)
	}
	dir, err := moduleDir()
	if err != nil {
		return err
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
	smp := addSampling(fs)
	format := fs.String("format", "text", "gate report `format`: text, markdown or json")
	pos, err := parse(fs, c, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr(fs, "want two revisions A B, got %q", pos)
	}
	f, err := gate.ParseFormat(*format)
	if err != nil {
		return usageErr(fs, "%v", err)
	}
	quiet, samp, dec, err := smp.check(fs, c.count, f)
	if err != nil {
		return err
	}
	dir, err := moduleDir()
	if err != nil {
		return err
	}
	code, err := abrun.AB(ctx, abrun.ABConfig{
		Dir: dir, RevA: pos[0], RevB: pos[1], Pattern: c.pkg, Flags: c.flags,
		Quiet: quiet, Sampling: samp, Results: c.results, Decider: dec,
		Stdout: stdout, Stderr: stderr,
	})
	if err != nil && ctx.Err() != nil {
		return err // interrupted: run reports the signal
	}
	if err != nil {
		// Never 1: CI reads 1 as a regression.
		fmt.Fprintf(stderr, "benchrun: %v\n", err)
		return exitErr(2)
	}
	return exitErr(code)
}
