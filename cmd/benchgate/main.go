package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/benchrig/benchrig/harness/gate"
)

func main() {
	os.Exit(run(os.Stdout, os.Stderr, os.Args[1:]))
}

const usage = `usage: benchgate [flags] BASE HEAD
       benchgate [flags] -calibrate A1 A2

benchgate compares two Go benchmark result files and exits 1 when a row got
worse by more than -threshold AND the change is significant at -alpha after
Holm–Bonferroni correction over every row×unit compared (Mann-Whitney U on
medians). With -calibrate it reads two runs of the same code instead and
reports each row's noise, the smallest change detectable at this n, and a
suggested -threshold.

Exit status: 0 no regression, 1 regression, 2 usage or input error
(input errors name file:line), or fewer than 6 samples a side without
-allow-few.

Flags:
`

// run is the whole command; it returns the exit code.
func run(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("benchgate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	var (
		alpha     = fs.Float64("alpha", gate.DefaultAlpha, "family-wise significance `level` (Holm–Bonferroni over every row×unit compared)")
		threshold = fs.String("threshold", "5%", "smallest worse change that fails the gate: default `list`, with per-unit overrides, e.g. 5%,p99-ns=20%")
		conf      = fs.Float64("confidence", gate.DefaultConfidence, "confidence `level` of the median intervals shown")
		filter    = fs.String("filter", "*", "use only results matching benchproc filter `query`, e.g. '/op:randread pkg:/mmap/'")
		units     = fs.String("units", "", "compare only these comma-separated `units`, e.g. ns/op,p99-ns (default all)")
		row       = fs.String("row", gate.DefaultRow, "benchproc `projection` naming a row within its pkg")
		ignore    = fs.String("ignore", gate.DefaultIgnore, "benchproc `keys` left out of row identity (none: keep all)")
		format    = fs.String("format", "text", "output `format`: text, markdown (CI job summaries) or json (schema in go doc)")
		cross     = fs.Bool("cross-machine", false, "allow files whose machine: or cpu: config differs")
		allowFew  = fs.Bool("allow-few", false, "report rows with fewer than 6 samples a side as insufficient instead of exiting 2")
		calibrate = fs.Bool("calibrate", false, "treat the two files as A/A runs of the same code: report noise and suggest -threshold")
	)
	// Flags may come before, between or after the two files.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		files, rest = append(files, rest[0]), rest[1:]
	}
	if len(files) != 2 {
		fmt.Fprintf(stderr, "benchgate: want two result files (BASE HEAD), got %d: %q\n", len(files), files)
		fs.Usage()
		return 2
	}
	f, err := gate.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "benchgate: %v\n", err)
		return 2
	}
	thr, err := gate.ParseThresholds(*threshold)
	if err != nil {
		fmt.Fprintf(stderr, "benchgate: %v\n", err)
		return 2
	}
	opts := gate.Options{
		Alpha:        *alpha,
		Threshold:    thr,
		Confidence:   *conf,
		Filter:       *filter,
		Row:          *row,
		Ignore:       *ignore,
		CrossMachine: *cross,
		AllowFew:     *allowFew,
	}
	if *alpha == 0 {
		fmt.Fprintln(stderr, "benchgate: -alpha 0 can never reject; use a level in (0, 1), e.g. 0.05")
		return 2
	}
	for _, u := range strings.Split(*units, ",") {
		if u = strings.TrimSpace(u); u != "" {
			opts.Units = append(opts.Units, u)
		}
	}
	a, b := files[0], files[1]
	fa, err := os.Open(a)
	if err != nil {
		fmt.Fprintf(stderr, "benchgate: %v; pass the path of a go test -bench output file\n", err)
		return 2
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		fmt.Fprintf(stderr, "benchgate: %v; pass the path of a go test -bench output file\n", err)
		return 2
	}
	defer fb.Close()

	if *calibrate {
		c, err := gate.Calibrate(gate.Input{Name: a, R: fa}, gate.Input{Name: b, R: fb}, opts)
		if err != nil {
			printErr(stderr, err)
			return 2
		}
		if err := c.Write(stdout, f); err != nil {
			fmt.Fprintf(stderr, "benchgate: writing output: %v\n", err)
			return 2
		}
		return 0
	}
	rep, err := gate.Compare(gate.Input{Name: a, R: fa}, gate.Input{Name: b, R: fb}, opts)
	if err != nil {
		printErr(stderr, err)
		return 2
	}
	if err := rep.Write(stdout, f); err != nil {
		fmt.Fprintf(stderr, "benchgate: writing output: %v\n", err)
		return 2
	}
	if f != gate.Text {
		// The text format ends with the summary; others get it on stderr.
		fmt.Fprintln(stderr, "benchgate: "+rep.Summary())
	}
	return rep.ExitCode()
}

func printErr(w io.Writer, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "benchgate: %s\n", line)
	}
}
