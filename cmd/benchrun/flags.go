package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/benchrig/benchrig/internal/abrun"
	"github.com/benchrig/benchrig/internal/gate"
)

// common are the flags run and ab share.
type common struct {
	count   int
	pkg     string
	results string
	flags   abrun.BenchFlags
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("benchrun "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: benchrun %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// newFlags returns the flag set of run or ab, with the shared flags.
func newFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *common) {
	fs := newFlagSet(name, synopsis, stderr)
	c := &common{}
	fs.IntVar(&c.count, "count", 10, "`N` iterations (run) or pairs (ab), each a fresh process per package; the gate needs 6")
	fs.StringVar(&c.flags.Bench, "bench", ".", "run only benchmarks matching `regexp` (go test -bench)")
	fs.StringVar(&c.flags.Benchtime, "benchtime", "", "go test -benchtime `d` (default: the test binary's; -short implies 100ms in benchrig)")
	fs.BoolVar(&c.flags.Short, "short", false, "go test -short (benchrig: small CI sizes)")
	fs.StringVar(&c.pkg, "pkg", "", "package `pattern` (default ./bench/... in benchrig, ./... in other modules)")
	addResults(fs, c)
	return fs, c
}

func addResults(fs *flag.FlagSet, c *common) {
	fs.StringVar(&c.results, "results", "", "`dir` for the results files (default $BENCHRIG_RESULTS, else ./results)")
}

// sampling are the flags ab and calibrate share: how pairs are taken and
// judged.
type sampling struct {
	quiet, budget time.Duration
	target        targetFlag
}

func addSampling(fs *flag.FlagSet) *sampling {
	s := &sampling{target: targetFlag{&gate.Thresholds{Default: gate.DefaultThreshold}}}
	fs.DurationVar(&s.quiet, "quiet", 0, "before each pair wait up to `d` (e.g. 60s) for a quiet machine (CPU use <= 10% over 1s, Linux)")
	fs.DurationVar(&s.budget, "budget", 0, "time budget `d` (e.g. 10m) for sequential sampling: a look after the first -count pairs, then one after every -count more pairs of only the undecided rows, as many looks (at most 4) as d pays for at the first round's time per pair; alpha is spent over the looks (O'Brien-Fleming), a decided row stops, failing rows are confirmed in -count fresh pairs")
	fs.Var(&s.target, "target", "smallest change worth catching, `threshold` (e.g. 5% or 5%,p99-ns=20%): a row fails when its slowdown is significant and above half of it, and with -budget passes before the last look only once its MDE at 95% power is at most the plain percentage")
	return s
}

// check validates the values and returns the sampling and the decider.
func (s *sampling) check(fs *flag.FlagSet, count int, f gate.Format) (abrun.Quiet, abrun.Sampling, abrun.Decider, error) {
	if s.budget < 0 || s.quiet < 0 {
		return abrun.Quiet{}, abrun.Sampling{}, nil, usageErr(fs, "-budget and -quiet must not be negative")
	}
	dec := abrun.GateDecider{Opts: gate.Options{Threshold: s.target.t}, Format: f}
	return abrun.Quiet{Max: s.quiet}, abrun.Sampling{Count: count, Budget: s.budget}, dec, nil
}

func defaultResults() string {
	if d := os.Getenv("BENCHRIG_RESULTS"); d != "" {
		return d
	}
	return "results"
}

// parse parses flags that may come before, between or after the
// positional arguments, and checks the shared values.
func parse(fs *flag.FlagSet, c *common, args []string) ([]string, error) {
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitErr(0)
			}
			return nil, errUsage
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		pos, rest = append(pos, rest[0]), rest[1:]
	}
	if c.results == "" {
		c.results = defaultResults()
	}
	if c.count < 1 {
		return nil, usageErr(fs, "-count %d: want a positive number of iterations, e.g. -count 10", c.count)
	}
	return pos, nil
}

// usageErr reports a usage error, the flags, and returns errUsage.
func usageErr(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return errUsage
}

// targetFlag is -target: the smallest change worth catching, a gate
// threshold ("5%", or per unit "5%,p99-ns=20%").
type targetFlag struct{ t *gate.Thresholds }

func (f *targetFlag) String() string {
	if f == nil || f.t == nil {
		return ""
	}
	return f.t.String()
}

func (f *targetFlag) Set(s string) error {
	t, err := gate.ParseThresholds(s)
	if err != nil {
		return fmt.Errorf("want a percentage such as 5%% (or per unit, 5%%,p99-ns=20%%)")
	}
	if !(t.Default > 0 && t.Default < 1) {
		return fmt.Errorf("want an effect above 0%% and below 100%%, such as 5%%: the sequential design passes a row once it can detect this change")
	}
	f.t = t
	return nil
}

// moduleDir returns the working directory, where the module is.
func moduleDir() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return filepath.Abs(d)
}
