package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/benchrig/benchrig/harness/abrun"
	"github.com/benchrig/benchrig/harness/gate"
)

// common are the flags run and ab share.
type common struct {
	count   int
	pkg     string
	results string
	flags   abrun.BenchFlags
}

func newFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *common) {
	fs := flag.NewFlagSet("benchrun "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: benchrun %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	c := &common{}
	fs.IntVar(&c.count, "count", 10, "`N` iterations (run) or pairs (ab), each a fresh process per package; the gate needs 6")
	fs.StringVar(&c.flags.Bench, "bench", ".", "run only benchmarks matching `regexp` (go test -bench)")
	fs.StringVar(&c.flags.Benchtime, "benchtime", "", "go test -benchtime `d` (default: the test binary's; -short implies 100ms in benchrig)")
	fs.BoolVar(&c.flags.Short, "short", false, "go test -short (benchrig: small CI sizes)")
	fs.StringVar(&c.pkg, "pkg", "", "package `pattern` (default ./bench/... in benchrig, ./... in other modules)")
	fs.StringVar(&c.results, "results", "", "`dir` for the results files (default $BENCHRIG_RESULTS, else ./results)")
	return fs, c
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
type targetFlag struct{ t gate.Thresholds }

func (f *targetFlag) String() string {
	if f == nil {
		return ""
	}
	return f.t.String()
}

func (f *targetFlag) Set(s string) error {
	t, err := gate.ParseThresholds(s)
	if err != nil {
		return fmt.Errorf("want a percentage such as 5%% (or per unit, 5%%,p99-ns=20%%)")
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
