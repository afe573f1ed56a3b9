package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/internal/abrun"
)

func cmdCalibrate(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet("calibrate", "[flags]", stderr)
	c := &common{}
	fs.IntVar(&c.count, "count", 10, "`N` pairs a run (each side a fresh process); the gate needs 6")
	fs.StringVar(&c.flags.Benchtime, "benchtime", "100ms", "go test -benchtime `d` of each calibration benchmark")
	addResults(fs, c)
	runs := fs.Int("runs", 10, "`N` comparisons per effect")
	effects := fs.String("effects", "1.03,1.05,1.10", "comma-separated `scales` compared against 1.00, besides 1.00 itself")
	smp := addSampling(fs)
	pos, err := parse(fs, c, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr(fs, "no arguments wanted, got %q", pos)
	}
	if *runs < 1 {
		return usageErr(fs, "-runs %d: want a positive number of comparisons per effect, e.g. -runs 10", *runs)
	}
	var scales []float64
	for _, e := range strings.Split(*effects, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(e), 64)
		if err != nil || !(f > 0) || f > 100 {
			return usageErr(fs, "-effects %q: want scales such as 1.03,1.05,1.10", *effects)
		}
		scales = append(scales, f)
	}
	quiet, samp, dec, err := smp.check(fs, c.count, "")
	if err != nil {
		return err
	}
	c.flags.Bench = "^BenchmarkCalib$"
	fmt.Fprintf(stderr, "benchrun: calibrating: %d runs of %d pairs for each of 1.00 and %s\n", *runs, c.count, *effects)
	return abrun.Calibrate(ctx, abrun.CalibConfig{
		Runs: *runs, Effects: scales, Flags: c.flags, Quiet: quiet, Sampling: samp,
		Decider: dec, Results: c.results, Stdout: stdout, Stderr: stderr,
	})
}
