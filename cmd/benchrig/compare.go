package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

var compareCmd = &command{
	name:  "compare",
	args:  "OLD NEW... [-- benchstat flags]",
	short: "benchstat of result files, a column per file",
	long: `Compare checks that each file (a path, or a label in the results dir) is a
whole, readable result file, then prints benchstat's tables (the
golang.org/x/perf benchstat go.mod pins) with a column per file, labelled
by the path as given, without .txt. Unless the benchstat flags after --
include -ignore, it passes -ignore benchrig,pair,pair-order: runs of two
commits (whose benchrig: revision line differs) share one table, and the
files of ab compare as one column each, not one table per pair.

benchstat runs as $BENCHRIG_BENCHSTAT when set (a benchstat binary), else
as "go run golang.org/x/perf/cmd/benchstat" in the current directory, which
works in benchrig and in any module that has benchrig as a tool.

Exit 0, or 2 when an input is unusable (named file:line) or benchstat
fails.
`,
}

func init() { compareCmd.run = cmdCompare }

// compareIgnore are the config keys compare leaves out unless told.
const compareIgnore = "benchrig,pair,pair-order"

func cmdCompare(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(compareCmd, stderr)
	names, extra, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(names) < 2 {
		return usageErr(fs, "want two or more result files (OLD NEW...), got %d: %q", len(names), names)
	}
	files := resolveAll(names)
	if err := checkFiles(files); err != nil {
		return err
	}
	bsArgs := []string{"-ignore", compareIgnore}
	for _, a := range extra {
		if a == "-ignore" || strings.HasPrefix(a, "-ignore=") || a == "--ignore" || strings.HasPrefix(a, "--ignore=") {
			bsArgs = nil
		}
	}
	bsArgs = append(bsArgs, extra...)
	for i, l := range labels(names) {
		abs, err := filepath.Abs(files[i])
		if err != nil {
			return err
		}
		bsArgs = append(bsArgs, l+"="+abs)
	}
	return benchstat(ctx, stdout, stderr, bsArgs)
}

// labels are the column labels of the files named so: the name as given,
// cleaned, without .txt; a repeated label gets #2, #3, ...
func labels(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]int{}
	for i, n := range names {
		l := strings.TrimSuffix(filepath.ToSlash(filepath.Clean(n)), ".txt")
		l = strings.ReplaceAll(l, "=", "_")
		if seen[l]++; seen[l] > 1 {
			l = fmt.Sprintf("%s#%d", l, seen[l])
		}
		out[i] = l
	}
	return out
}

// benchstat runs benchstat with args.
func benchstat(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	var cmd *exec.Cmd
	if bin := os.Getenv("BENCHRIG_BENCHSTAT"); bin != "" {
		cmd = exec.CommandContext(ctx, bin, args...)
	} else {
		cmd = exec.CommandContext(ctx, "go", append([]string{"run", "golang.org/x/perf/cmd/benchstat"}, args...)...)
	}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return fmt.Errorf("%s: %w; run it in benchrig or in a module that has benchrig as a tool, or set BENCHRIG_BENCHSTAT to a benchstat binary", strings.Join(cmd.Args[:min(3, len(cmd.Args))], " "), err)
	case err != nil:
		return fmt.Errorf("running benchstat: %w; install Go, or set BENCHRIG_BENCHSTAT to a benchstat binary", err)
	}
	return nil
}
