package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/abrun"
	"github.com/benchrig/benchrig/internal/gate"
)

var runCmd = &command{
	name:  "run",
	args:  "[-count N] [-bench RE] [-short] [-benchtime D] [-pkg PATTERN] [-results DIR] [-json FILE] [-claims] [LABEL]",
	short: "run the benchmarks of this module N times into one result file",
	long: `Run builds each package's test binary once and runs it N times, one
fresh process each, from its package directory into DIR/LABEL.txt, config
lines included, with progress and an ETA on stderr, and prints the file's
path. At the end (also after Ctrl-C, marked partial) it prints on stderr
the summary that opens the file's report: a sentence per finding, whether
this machine is good for Go work against benchrig's shipped reference,
busy rows and contradicted expectations. LABEL defaults to MACHINE-DATE, MACHINE being $BENCHRIG_MACHINE or
the hostname. It works on the module in the current directory; -pkg
defaults to ./bench/... in benchrig and ./... elsewhere. Exit 1 when a
benchmark failed.

-claims runs only the cells the report judges the claims from, in every
family (BENCHRIG_CLAIMS=1 in the test binaries' environment; the same
go test line works): modres's clean builds of the service tree in both
modes, its hello world, go test, download and queue-depth cells, the edit
loop with both caches on tmpfs, and the directio, mmap and falseshare
rows the claims name. -count defaults to 6, the fewest that give an
interval. Each package runs in two processes that take half the samples
each (-test.count; one process for an odd -count), so modres prepares its
trees and compiles the test packages twice, not once per sample; the
second process takes modres's vendor cells before its mod cells, so a
machine whose speed drifts moves both modes alike.

` + resultsHelp,
}

var abCmd = &command{
	name:  "ab",
	args:  "A B [-count N] [-bench RE] [-pkg PATTERN] [-quiet D] [-budget D] [-target PCT] [-format F] [-results DIR]",
	short: "run two git revisions in alternating pairs and gate B against A",
	long: `Ab checks the git revisions A and B of the module in the current
directory out in temporary worktrees, builds both sets of test binaries,
runs them in pairs of alternating order (A B, B A, ...), each side a fresh
process, into DIR/ab-<A>-vs-<B>.a.txt and .b.txt (with pair: and
pair-order: config lines) and gates B against A, printing the gate's
report. With -budget it samples sequentially: a look after the first
-count pairs and then after every -count more pairs of the rows still
undecided, at most 4 looks, with alpha spread over them (O'Brien-Fleming);
a failing row is confirmed in fresh processes before ab exits 1.

-target is the size of change worth catching: a row fails when its
slowdown is significant and above half the target (the report says
"target 5%, fails above 2.5%"), so a change of the target size is caught
with 95% power once the row's MDE is at most the target. A row that found
no regression but ends with an MDE above the target is "inconclusive" in
its row and counted in the summary; it passes (exit 0) unless -strict,
which makes it exit 2 (INCONCLUSIVE). gate's -threshold is a different
thing: the fail line itself.

Exit 0 no regression, 1 a regression, 2 usage, input or build error,
fewer than 6 pairs (INSUFFICIENT: raise -count), or with -strict an
inconclusive row.

` + resultsHelp,
}

func init() {
	runCmd.run = cmdRun
	abCmd.run = cmdAB
}

// common are the flags run and ab share.
type common struct {
	count   int
	pkg     string
	results string
	flags   abrun.BenchFlags
}

// newFlags returns the flag set of run or ab, with the shared flags.
func newFlags(c *command, stderr io.Writer) (*flagSet, *common) {
	fs := newFlagSet(c, stderr)
	cm := &common{}
	fs.IntVar(&cm.count, "count", 10, "`N` iterations (run) or pairs (ab), each a fresh process per package; the gate needs 6")
	fs.StringVar(&cm.flags.Bench, "bench", ".", "run only benchmarks matching `regexp` (go test -bench)")
	fs.StringVar(&cm.flags.Benchtime, "benchtime", "", "go test -benchtime `d` (default: the test binary's; -short implies 100ms in benchrig)")
	fs.BoolVar(&cm.flags.Short, "short", false, "go test -short (benchrig: small CI sizes)")
	fs.StringVar(&cm.pkg, "pkg", "", "package `pattern` (default ./bench/... in benchrig, ./... in other modules)")
	addResults(fs, cm)
	return fs, cm
}

func addResults(fs *flagSet, cm *common) {
	fs.StringVar(&cm.results, "results", "", "`dir` for the result files (default $BENCHRIG_RESULTS, else <state dir>/benchrig/results)")
}

// parseCommon parses args and checks the shared values.
func parseCommon(fs *flagSet, cm *common, args []string) ([]string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return nil, err
	}
	if cm.count < 1 {
		return nil, usageErr(fs, "-count %d: want a positive number of iterations, e.g. -count 10", cm.count)
	}
	if cm.results, err = resultsDir(cm.results); err != nil {
		return nil, usageErr(fs, "%v", err)
	}
	return pos, nil
}

func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, cm := newFlags(runCmd, stderr)
	js := fs.String("json", "", "write the summary's answers as JSON to `file` (- for stdout, instead of the file's path)")
	claims := fs.Bool("claims", false, "run only the cells the report's claims are judged from (BENCHRIG_CLAIMS=1), half the samples in each of two processes; -count defaults to 6")
	pos, err := parseCommon(fs, cm, args)
	if err != nil {
		return err
	}
	var env []string
	if *claims {
		// Two processes per package take half the samples each (one, an
		// odd -count): modres's untimed preparation (the tree, the test
		// packages, hello's runtime) is paid per process, not per
		// sample, and the second process takes vendor's cells first.
		env = []string{"BENCHRIG_CLAIMS=1"}
		n := 6
		if isSet(fs, "count") {
			n = cm.count
		}
		cm.count, cm.flags.Count = 1, n
		if n%2 == 0 {
			cm.count, cm.flags.Count = 2, n/2
		}
	}
	if len(pos) > 1 {
		return usageErr(fs, "want at most one LABEL, got %q", pos)
	}
	label := harness.Machine() + "-" + time.Now().Format("20060102-150405")
	if len(pos) == 1 {
		label = pos[0]
	}
	if label == "" || strings.ContainsAny(label, `/\`) {
		return usageErr(fs, "LABEL %q must be a non-empty file name without /", label)
	}
	dir, err := moduleDir(ctx)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cm.results, 0o755); err != nil {
		return fmt.Errorf("results dir: %w; pass -results DIR", err)
	}
	out := filepath.Join(cm.results, label+".txt")
	err = abrun.Run(ctx, abrun.RunConfig{Module: dir, Pattern: cm.pkg, Count: cm.count, Args: cm.flags, Out: out, Stderr: stderr, Estimate: estimateFor(cm, *claims), Env: env})
	if err == nil || ctx.Err() != nil {
		if jerr := printRunSummary(stdout, stderr, out, *js); err == nil {
			err = jerr
		}
	}
	if err == nil && *js != "-" {
		fmt.Fprintln(stdout, out)
	}
	return err
}

// estimateFor is the run's estimator: none for a -bench selection or a
// -benchtime run, whose package times differ from earlier runs'.
func estimateFor(cm *common, claims bool) func([]string) string {
	if claims {
		return func([]string) string {
			return "a claims run at -count 6 takes about 14 minutes on a 2-vCPU machine (docs/validation.md): two processes per package, three samples each"
		}
	}
	if cm.flags.Bench != "." || cm.flags.Benchtime != "" {
		return func([]string) string {
			return "no estimate for a -bench or -benchtime run; the ETA follows the first iteration"
		}
	}
	return estimator(cm.results, cm.count, cm.flags.Short)
}

// printRunSummary prints the summary of the run's file against the shipped
// reference (the first lines of its report), or why there is none.
// With js it also writes the page's JSON there ("-": stdout).
func printRunSummary(stdout, stderr io.Writer, out, js string) error {
	if data, err := os.ReadFile(out); err == nil && !bytes.HasPrefix(data, []byte("machine: ")) && !bytes.Contains(data, []byte("\nmachine: ")) {
		fmt.Fprintf(stderr, "benchrig: no summary: %s has no machine: config line, so these are not benchrig's benchmarks; compare runs with go tool benchrig compare\n", out)
		return nil
	}
	page, err := load([]string{out}, "", true)
	if err != nil {
		fmt.Fprintf(stderr, "benchrig: no summary: %v\n", err)
		return nil
	}
	fmt.Fprintf(stderr, "\nbenchrig: summary (go tool benchrig report %s for the page)\n%s", out, page.Machines[0].Summary)
	if js == "" {
		return nil
	}
	return write(stdout, js, page.JSON)
}

func cmdAB(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, cm := newFlags(abCmd, stderr)
	smp := addSampling(fs)
	format := fs.String("format", "text", "gate report `format`: text, markdown or json")
	fs.BoolVar(&smp.strict, "strict", false, "exit 2 when a row is inconclusive (no regression found, but its MDE at the end is above -target) instead of passing it with the count in the summary")
	pos, err := parseCommon(fs, cm, args)
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
	quiet, samp, dec, err := smp.check(fs, cm.count, f)
	if err != nil {
		return err
	}
	dir, err := moduleDir(ctx)
	if err != nil {
		return err
	}
	code, err := abrun.AB(ctx, abrun.ABConfig{
		Dir: dir, RevA: pos[0], RevB: pos[1], Pattern: cm.pkg, Flags: cm.flags,
		Quiet: quiet, Sampling: samp, Results: cm.results, Decider: dec,
		Stdout: stdout, Stderr: stderr,
	})
	if err != nil && ctx.Err() != nil {
		return err // interrupted: run reports the signal
	}
	if err != nil {
		// Never 1: CI reads 1 as a regression.
		printErr(stderr, abCmd.name, err)
		return exitErr(2)
	}
	return exitErr(code)
}

// moduleDir returns the root of the module the working directory is in.
func moduleDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w; install Go and run benchrig inside a module", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside a Go module: run this in the module to benchmark (where go.mod is, or below)")
	}
	return filepath.Dir(mod), nil
}
