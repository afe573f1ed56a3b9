package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/internal/gate"
	"github.com/benchrig/benchrig/internal/resultfile"
)

func main() {
	os.Exit(run(os.Stdout, os.Stderr, os.Args[1:]))
}

var usage = `usage: benchgate [flags] BASE HEAD
       benchgate [flags] -calibrate A1 A2
       benchgate -check FILE...

benchgate compares two Go benchmark result files and exits 1 when a row got
worse by more than -threshold AND the change is significant at -alpha after
Holm–Bonferroni correction within its family. By default it tests time per
op (ns/op) and, as their own family, counted metrics (B/op, allocs/op,
read-B/op, ...); rates such as MB/s and io/s are shown, not tested (-units
chooses the units to test). Files of an interleaved run (pair: lines, as
benchstat.sh ab writes them) are tested paired (Yuen's trimmed t on per-pair
log ratios); others with the Mann-Whitney U test, and the verdict says that
drift between the runs is untested. Rows measured on a busy machine are
marked. With -calibrate it reads two runs of the same code instead and
reports each row's noise, the smallest change detectable at this n, and a
suggested -threshold. With -check it only reads each FILE and says what
makes it unusable (a run cut short, a malformed, non-UTF-8 or over-long
line, no results), as benchstat.sh does before calling benchstat.

Exit status: 0 no regression, 1 regression, 2 usage or input error
(input errors name file:line; an interrupted run is one), or fewer than ` + strconv.Itoa(gate.MinSamples) + `
samples a side without -allow-few.

Flags:
`

// invocation is what the command line asks for.
type invocation struct {
	opts      gate.Options
	format    gate.Format
	calibrate bool
	check     bool
	files     []string
}

// run is the whole command; it returns the exit code.
func run(stdout, stderr io.Writer, args []string) int {
	inv, code := parseArgs(stderr, args)
	if inv == nil {
		return code
	}
	return inv.run(stdout, stderr)
}

// parseArgs parses the command line; on a usage error or -h it returns nil
// and the exit code.
func parseArgs(stderr io.Writer, args []string) (*invocation, int) {
	fs := flag.NewFlagSet("benchgate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	var (
		inv       invocation
		threshold = fs.String("threshold", (&gate.Thresholds{Default: gate.DefaultThreshold}).String(), "smallest worse change that fails the gate: default `list`, with per-unit overrides, e.g. 5%,p99-ns=20%")
		units     = fs.String("units", "", "read and test only these comma-separated `units`, e.g. ns/op,p99-ns (default: all read, time per op and counted metrics tested)")
		format    = fs.String("format", "text", "output `format`: text, markdown (CI job summaries) or json (schema in go doc)")
	)
	o := &inv.opts
	fs.Float64Var(&o.Alpha, "alpha", gate.DefaultAlpha, "family-wise significance `level` (Holm–Bonferroni within each test family: time, counted)")
	fs.Float64Var(&o.Confidence, "confidence", gate.DefaultConfidence, "confidence `level` of the median intervals shown")
	fs.StringVar(&o.Filter, "filter", "*", "use only results matching benchproc filter `query`, e.g. '/op:randread pkg:/mmap/'")
	fs.StringVar(&o.Row, "row", gate.DefaultRow, "benchproc `projection` naming a row within its pkg")
	fs.StringVar(&o.Ignore, "ignore", gate.DefaultIgnore, "benchproc `keys` left out of row identity (none: keep all)")
	fs.BoolVar(&o.CrossMachine, "cross-machine", false, "allow files whose machine: or cpu: config differs")
	fs.BoolVar(&o.AllowFew, "allow-few", false, fmt.Sprintf("report rows with fewer than %d samples a side as insufficient instead of exiting 2", gate.MinSamples))
	fs.BoolVar(&inv.calibrate, "calibrate", false, "treat the two files as A/A runs of the same code: report noise and suggest -threshold")
	fs.BoolVar(&inv.check, "check", false, "only check that each FILE is a whole, readable result file: exit 0, or 2 naming file:line")
	// Flags may come before, between or after the two files.
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0
			}
			return nil, 2
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		inv.files, rest = append(inv.files, rest[0]), rest[1:]
	}
	if n := len(inv.files); n != 2 && (!inv.check || n == 0) {
		fmt.Fprintf(stderr, "benchgate: want two result files (BASE HEAD), or -check FILE..., got %d: %q\n", n, inv.files)
		fs.Usage()
		return nil, 2
	}
	var err error
	if inv.format, err = gate.ParseFormat(*format); err != nil {
		return usageErr(stderr, err)
	}
	if o.Threshold, err = gate.ParseThresholds(*threshold); err != nil {
		return usageErr(stderr, err)
	}
	if o.Alpha == 0 {
		return usageErr(stderr, errors.New("-alpha 0 can never reject; use a level in (0, 1), e.g. 0.05"))
	}
	for _, u := range strings.Split(*units, ",") {
		if u = strings.TrimSpace(u); u != "" {
			o.Units = append(o.Units, u)
		}
	}
	return &inv, 0
}

func usageErr(stderr io.Writer, err error) (*invocation, int) {
	fmt.Fprintf(stderr, "benchgate: %v\n", err)
	return nil, 2
}

// run compares (or calibrates) the two files and writes the report.
func (inv *invocation) run(stdout, stderr io.Writer) int {
	f, opts, files := inv.format, inv.opts, inv.files
	if inv.check {
		return checkFiles(stderr, files)
	}
	if inv.calibrate {
		c, err := gate.CalibrateFiles(files[0], files[1], opts)
		return write(stdout, stderr, c, err, f, 0)
	}
	rep, err := gate.CompareFiles(files[0], files[1], opts)
	if code := write(stdout, stderr, rep, err, f, 0); code != 0 || rep == nil {
		return code
	}
	if f != gate.Text {
		// The text format ends with the summary; others get it on stderr.
		fmt.Fprintln(stderr, "benchgate: "+rep.Summary())
	}
	return rep.ExitCode()
}

// write renders out, or prints err; it returns 2 on either failure and
// code otherwise.
func write[T interface {
	Write(io.Writer, gate.Format) error
}](stdout, stderr io.Writer, out T, err error, f gate.Format, code int) int {
	if err != nil {
		printErr(stderr, err)
		return 2
	}
	if err := out.Write(stdout, f); err != nil {
		fmt.Fprintf(stderr, "benchgate: writing output: %v\n", err)
		return 2
	}
	return code
}

// checkFiles reads each file through resultfile; it returns 2 when one
// is unusable, after printing every reason.
func checkFiles(stderr io.Writer, files []string) int {
	code := 0
	for _, f := range files {
		if err := resultfile.CheckFile(f); err != nil {
			printErr(stderr, err)
			code = 2
		}
	}
	return code
}

func printErr(w io.Writer, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "benchgate: %s\n", line)
	}
}
