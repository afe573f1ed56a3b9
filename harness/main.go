package harness

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// Config is one file-level configuration line, printed as "key: value".
type Config struct{ Key, Value string }

// Units returns every unit of the conventions' table, in the order Main
// prints their "Unit <unit> better=..." lines.
func Units() []string { return slices.Clone(units) }

var units = []string{
	"ns/op", "MB/s", "io/s",
	"p50-ns", "p99-ns", "p99.9-ns",
	"read-B/op", "write-B/op", "dev-reads/op",
	"majflt/op", "minflt/op",
	"map-ns/op", "touch-ns/op",
	"adds/s", // falseshare: total atomic adds per second across goroutines
}

// logPrefix starts every line the harness writes to stderr. go test with
// several packages folds the test binaries' stderr into the result stream, and
// benchfmt reads any "key: value" line whose key is lowercase without spaces as
// a config line; "# benchrig:" is not one, so a note can never change the
// benchrig (or any other) config of the results that follow it.
const logPrefix = "# benchrig: "

// shortBenchtime is the -benchtime that -short implies when -benchtime was
// not given: -short selects CI smoke sizes, and at the default 1s per
// sub-benchmark the storage families alone would overrun a smoke budget.
const shortBenchtime = "100ms"

// familyKeys are the config keys bench families add through Main's extra
// arguments. benchfmt config lines persist until changed, so in a file that
// concatenates several packages' output (go test ./bench/..., benchstat.sh
// run) one family's keys would otherwise stick to the next package's
// results; Main clears (prints "key:" for) every family key its own package
// does not set. TestFamilyKeysCoverBenchPackages keeps the list complete.
var familyKeys = []string{
	"pinning", "pinned-cpus", // falseshare
	"pagesize",   // mmap
	"go-command", // modres
}

// Better returns "higher" for a unit ending in "/s" (a rate) and "lower" for
// every other unit: the rule the Unit lines and the gate share.
func Better(unit string) string {
	if strings.HasSuffix(unit, "/s") {
		return "higher"
	}
	return "lower"
}

// Main is the TestMain of every bench package. When benchmarks were requested
// (-test.bench set) it validates BENCHRIG_DIR (exiting 2 with a message naming
// the variable and the fix when it is missing, not a directory or not
// writable), sweeps run dirs left behind by killed runs, prints the
// file-level config lines ([Environment] of the scratch dir, then extra) and
// the "Unit <unit> better=..." lines, runs m, removes this run's dir and exits.
// In test-only mode it just runs m (and still removes anything it created).
//
// On SIGINT or SIGTERM it removes this run's dir before exiting; a run killed
// any other way (SIGKILL, power loss) is swept by the next benchmark run.
func Main(m *testing.M, extra ...Config) {
	os.Exit(mainRun(m, os.Stdout, os.Stderr, extra))
}

func mainRun(m *testing.M, stdout, stderr io.Writer, extra []Config) int {
	if !flag.Parsed() {
		flag.Parse()
	}
	stopSignals := cleanupOnSignal(stderr)
	defer stopSignals()
	defer func() {
		if err := theRun.close(); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
		}
	}()
	if benchRequested() {
		if err := applyShortBenchtime(stderr); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		if err := prepareBench(stdout, stderr, extra); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
	}
	return m.Run()
}

// applyShortBenchtime sets -test.benchtime to shortBenchtime under -short
// when the user did not set -test.benchtime, and says so on stderr.
func applyShortBenchtime(stderr io.Writer) error {
	if !testing.Short() {
		return nil
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.benchtime" })
	if set {
		return nil
	}
	if err := flag.Set("test.benchtime", shortBenchtime); err != nil {
		return fmt.Errorf("-short: setting -test.benchtime=%s: %w; pass -benchtime explicitly", shortBenchtime, err)
	}
	fmt.Fprintf(stderr, logPrefix+"-short without -benchtime: using -benchtime %s per sub-benchmark\n", shortBenchtime)
	return nil
}

// benchRequested reports whether -test.bench selects benchmarks.
func benchRequested() bool {
	f := flag.Lookup("test.bench")
	return f != nil && f.Value.String() != ""
}

// prepareBench validates the scratch parent, sweeps dead runs, creates this
// run's dir and prints the config and unit lines.
func prepareBench(stdout, stderr io.Writer, extra []Config) error {
	base, err := benchDir(true)
	if err != nil {
		return err
	}
	if err := sweep(base, stderr); err != nil {
		return err
	}
	// The environment is read in the run dir itself, so the direct-I/O
	// probe file is swept with it if the run dies.
	dir, err := theRun.dir()
	if errors.Is(err, errors.ErrUnsupported) {
		// Not Linux: print what is known; the benchmarks skip with reasons.
		fmt.Fprintf(stderr, logPrefix+"%v\n", err)
		dir = base
	} else if err != nil {
		return err
	}
	if err := clearFamilyKeys(stdout, extra); err != nil {
		return err
	}
	cfg := append(Environment(dir), extra...)
	if err := writeConfig(stdout, cfg); err != nil {
		return err
	}
	return writeUnits(stdout)
}

// writeConfig prints "key: value" lines; keys and values must not contain
// spaces (values are sanitised, keys are the caller's responsibility).
func writeConfig(w io.Writer, cfg []Config) error {
	for _, c := range cfg {
		if c.Key == "" || strings.ContainsAny(c.Key, " \t\n:") || strings.ToLower(c.Key) != c.Key {
			return fmt.Errorf("config key %q: keys are lowercase with no spaces or colons", c.Key)
		}
		if _, err := fmt.Fprintf(w, "%s: %s\n", c.Key, cleanValue(c.Value)); err != nil {
			return err
		}
	}
	return nil
}

// clearFamilyKeys prints an empty "key:" line, which benchfmt reads as
// "unset", for every family key that extra does not set.
func clearFamilyKeys(w io.Writer, extra []Config) error {
	for _, k := range familyKeys {
		if slices.ContainsFunc(extra, func(c Config) bool { return c.Key == k }) {
			continue
		}
		if _, err := fmt.Fprintf(w, "%s:\n", k); err != nil {
			return err
		}
	}
	return nil
}

func writeUnits(w io.Writer) error {
	for _, u := range units {
		if _, err := fmt.Fprintf(w, "Unit %s better=%s\n", u, Better(u)); err != nil {
			return err
		}
	}
	return nil
}

// cleanValue makes v a single config token: "unknown" when empty, runs of
// whitespace replaced by "_".
func cleanValue(v string) string {
	f := strings.Fields(v)
	if len(f) == 0 {
		return unknown
	}
	return strings.Join(f, "_")
}

// cleanupOnSignal removes this run's dir when SIGINT or SIGTERM arrives and
// then exits with 128+signal, as a shell reports it.
func cleanupOnSignal(stderr io.Writer) (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			if err := theRun.close(); err != nil {
				fmt.Fprintf(stderr, logPrefix+"%v: %v\n", sig, err)
			} else {
				fmt.Fprintf(stderr, logPrefix+"%v: removed this run's scratch dir\n", sig)
			}
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
