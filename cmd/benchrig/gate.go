package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/benchrig/benchrig/internal/gate"
	"github.com/benchrig/benchrig/internal/resultfile"
)

var gateCmd = &command{
	name:  "gate",
	args:  "BASE HEAD [flags] | -check FILE...",
	short: "exit 1 when HEAD is significantly worse than BASE",
	long: `Gate compares two Go benchmark result files (paths, or labels in the
results dir) and exits 1 when a row got worse by more than -threshold AND
the change is significant at -alpha after Holm-Bonferroni correction
within its family. By default it tests time per op (ns/op) and, as their
own family, counted metrics (B/op, allocs/op, read-B/op, ...); rates such
as MB/s and io/s are shown, not tested (-units chooses). Files of an
interleaved run (pair: lines, as ab writes them) are tested paired
(Yuen's trimmed t on per-pair log ratios); others with the Mann-Whitney U
test, and the verdict says that drift between the runs is untested. Rows
measured on a busy machine are marked. With -check it only reads each
FILE and says what makes it unusable (a run cut short, a malformed,
non-UTF-8 or over-long line, no results). See go doc ./internal/gate.

Exit 0 no regression, 1 regression, 2 usage or input error (input errors
name file:line; an interrupted run is one), or fewer than 6 samples a
side without -allow-few.
`,
}

var noiseCmd = &command{
	name:  "noise",
	args:  "A1 A2 [flags]",
	short: "the noise of two runs of one commit, and the -threshold it supports",
	long: `Noise reads two runs of the same code (paths, or labels in the results
dir) and reports each row's noise, the smallest change detectable at this
n, and a suggested gate -threshold. Exit 0, or 2 on a usage or input
error.
`,
}

func init() {
	gateCmd.run = cmdGate
	noiseCmd.run = cmdNoise
}

// gateFlags adds the flags gate and noise share and returns a function
// that checks them into the options.
func gateFlags(fs *flagSet, o *gate.Options, format *string) func() error {
	threshold := fs.String("threshold", (&gate.Thresholds{Default: gate.DefaultThreshold}).String(), "smallest worse change that fails the gate: default `list`, with per-unit overrides, e.g. 5%,p99-ns=20%")
	units := fs.String("units", "", "read and test only these comma-separated `units`, e.g. ns/op,p99-ns (default: all read, time per op and counted metrics tested)")
	fs.StringVar(format, "format", "text", "output `format`: text, markdown (CI job summaries) or json (schema in go doc ./internal/gate)")
	fs.Float64Var(&o.Alpha, "alpha", gate.DefaultAlpha, "family-wise significance `level` (Holm-Bonferroni within each test family: time, counted)")
	fs.Float64Var(&o.Confidence, "confidence", gate.DefaultConfidence, "confidence `level` of the median intervals shown")
	fs.StringVar(&o.Filter, "filter", "*", "use only results matching benchproc filter `query`, e.g. '/op:randread pkg:/mmap/'")
	fs.StringVar(&o.Row, "row", gate.DefaultRow, "benchproc `projection` naming a row within its pkg")
	fs.StringVar(&o.Ignore, "ignore", gate.DefaultIgnore, "benchproc `keys` left out of row identity (none: keep all)")
	fs.BoolVar(&o.CrossMachine, "cross-machine", false, "allow files whose machine: or cpu: config differs")
	fs.BoolVar(&o.AllowFew, "allow-few", false, fmt.Sprintf("report rows with fewer than %d samples a side as insufficient instead of exiting 2", gate.MinSamples))
	return func() error {
		var err error
		if o.Threshold, err = gate.ParseThresholds(*threshold); err != nil {
			return fmt.Errorf("-threshold: %w", err)
		}
		if o.Alpha == 0 {
			return errors.New("-alpha 0 can never reject; use a level in (0, 1), e.g. 0.05")
		}
		for _, u := range strings.Split(*units, ",") {
			if u = strings.TrimSpace(u); u != "" {
				o.Units = append(o.Units, u)
			}
		}
		return nil
	}
}

// parseGate parses gate's or noise's command line into the options, the
// format and the files.
func parseGate(fs *flagSet, args []string) (gate.Options, gate.Format, []string, error) {
	var (
		o      gate.Options
		format string
	)
	checkOpts := gateFlags(fs, &o, &format)
	files, err := parseArgs(fs, args)
	if err != nil {
		return o, "", nil, err
	}
	f, err := gate.ParseFormat(format)
	if err != nil {
		return o, "", nil, usageErr(fs, "%v", err)
	}
	if err := checkOpts(); err != nil {
		return o, "", nil, usageErr(fs, "%v", err)
	}
	return o, f, resolveAll(files), nil
}

func cmdGate(_ context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(gateCmd, stderr)
	check := fs.Bool("check", false, "only check that each FILE is a whole, readable result file: exit 0, or 2 naming file:line")
	o, f, files, err := parseGate(fs, args)
	if err != nil {
		return err
	}
	if *check {
		if len(files) == 0 {
			return usageErr(fs, "-check: want one or more result files")
		}
		return checkFiles(files)
	}
	rep, err := writeTwo(stdout, fs, files, "two result files (BASE HEAD), or -check FILE...", f, func(a, b string) (*gate.Report, error) {
		return gate.CompareFiles(a, b, o)
	})
	if err != nil {
		return err
	}
	if f != gate.Text {
		// The text format ends with the summary; others get it on stderr.
		fmt.Fprintln(stderr, "benchrig gate: "+rep.Summary())
	}
	return exitErr(rep.ExitCode())
}

func cmdNoise(_ context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(noiseCmd, stderr)
	o, f, files, err := parseGate(fs, args)
	if err != nil {
		return err
	}
	_, err = writeTwo(stdout, fs, files, "two result files of one commit (A1 A2)", f, func(a, b string) (*gate.Calibration, error) {
		return gate.CalibrateFiles(a, b, o)
	})
	return err
}

// writeTwo runs do on the two files and writes what it returns in
// format f; want says what the two files are.
func writeTwo[T interface {
	Write(io.Writer, gate.Format) error
}](stdout io.Writer, fs *flagSet, files []string, want string, f gate.Format, do func(a, b string) (T, error)) (T, error) {
	var zero T
	if len(files) != 2 {
		return zero, usageErr(fs, "want %s, got %d: %q", want, len(files), files)
	}
	out, err := do(files[0], files[1])
	if err != nil {
		return zero, err
	}
	if err := out.Write(stdout, f); err != nil {
		return zero, fmt.Errorf("writing output: %w", err)
	}
	return out, nil
}

// checkFiles reads each file through resultfile; it returns an error
// naming every unusable file and why.
func checkFiles(files []string) error {
	var errs []error
	for _, f := range files {
		if err := resultfile.CheckFile(f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
