package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/benchrig/benchrig/internal/abrun"
	"github.com/benchrig/benchrig/internal/gate"
)

var powerCmd = &command{
	name:  "power",
	args:  "[-runs N] [-count N] [-benchtime D] [-effects LIST] [-quiet D] [-budget D] [-target PCT] [-results DIR]",
	short: "what this machine can gate: false-alarm rate and power of ab here",
	long: `Power runs a calibration load interleaved, as ab does, at scale 1.00
against 1.00, 1.03, 1.05 and 1.10 (-effects), -runs times each, and prints
per effect the false-alarm rate (1.00) or the power (the others) of the
gate on this machine. Run it on the machine that will gate, as quiet as
it will be then. Its files go to DIR/calibrate.

` + resultsHelp,
}

func init() { powerCmd.run = cmdPower }

// sampling are the flags ab and power share: how pairs are taken and
// judged.
type sampling struct {
	quiet, budget time.Duration
	target        targetFlag
	strict        bool
}

func addSampling(fs *flagSet) *sampling {
	s := &sampling{target: targetFlag{&gate.Thresholds{Default: gate.DefaultThreshold}}}
	fs.DurationVar(&s.quiet, "quiet", 0, "before each pair wait up to `d` (e.g. 60s) for a quiet machine (CPU use <= 10% over 1s, Linux)")
	fs.DurationVar(&s.budget, "budget", 0, "time budget `d` (e.g. 10m) for sequential sampling: a look after the first -count pairs, then one after every -count more pairs of only the undecided rows, as many looks (at most 4) as d pays for at the first round's time per pair; alpha is spent over the looks (O'Brien-Fleming), a decided row stops, failing rows are confirmed in -count fresh pairs")
	fs.Var(&s.target, "target", "smallest change worth catching, `threshold` (e.g. 5% or 5%,p99-ns=20%): a row fails when its slowdown is significant and above half of it, and with -budget passes before the last look only once its MDE at 95% power is at most the plain percentage")
	return s
}

// check validates the values and returns the sampling and the decider.
func (s *sampling) check(fs *flagSet, count int, f gate.Format) (abrun.Quiet, abrun.Sampling, abrun.Decider, error) {
	if s.budget < 0 || s.quiet < 0 {
		return abrun.Quiet{}, abrun.Sampling{}, nil, usageErr(fs, "-budget and -quiet must not be negative")
	}
	dec := abrun.GateDecider{Opts: gate.Options{Threshold: s.target.t}, Format: f, Strict: s.strict}
	return abrun.Quiet{Max: s.quiet}, abrun.Sampling{Count: count, Budget: s.budget}, dec, nil
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

func cmdPower(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(powerCmd, stderr)
	cm := &common{}
	fs.IntVar(&cm.count, "count", 10, "`N` pairs a run (each side a fresh process); the gate needs 6")
	fs.StringVar(&cm.flags.Benchtime, "benchtime", "100ms", "go test -benchtime `d` of each calibration benchmark")
	addResults(fs, cm)
	runs := fs.Int("runs", 10, "`N` comparisons per effect")
	effects := fs.String("effects", "1.03,1.05,1.10", "comma-separated `scales` compared against 1.00, besides 1.00 itself")
	smp := addSampling(fs)
	pos, err := parseCommon(fs, cm, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr(fs, "no arguments wanted, got %q", pos)
	}
	if *runs < 1 {
		return usageErr(fs, "-runs %d: want a positive number of comparisons per effect, e.g. -runs 10", *runs)
	}
	scales, err := parseScales(*effects)
	if err != nil {
		return usageErr(fs, "%v", err)
	}
	quiet, samp, dec, err := smp.check(fs, cm.count, "")
	if err != nil {
		return err
	}
	cm.flags.Bench = "^BenchmarkCalib$"
	fmt.Fprintf(stderr, "benchrig power: %d runs of %d pairs for each of 1.00 and %s\n", *runs, cm.count, *effects)
	return abrun.Calibrate(ctx, abrun.CalibConfig{
		Runs: *runs, Effects: scales, Flags: cm.flags, Quiet: quiet, Sampling: samp,
		Decider: dec, Results: cm.results, Stdout: stdout, Stderr: stderr,
	})
}

// parseScales parses -effects.
func parseScales(list string) ([]float64, error) {
	var scales []float64
	for _, e := range strings.Split(list, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(e), 64)
		if err != nil || !(f > 0) || f > 100 {
			return nil, fmt.Errorf("-effects %q: want scales such as 1.03,1.05,1.10", list)
		}
		scales = append(scales, f)
	}
	return scales, nil
}
