package harness

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Config is one file-level configuration line, printed as "key: value".
type Config struct{ Key, Value string }

// logPrefix starts every line the harness writes to stderr. go test with
// several packages folds the test binaries' stderr into the result stream, and
// benchfmt reads any "key: value" line whose key is lowercase without spaces as
// a config line; "# benchrig:" is not one, so a note can never change the
// benchrig (or any other) config of the results that follow it.
const logPrefix = resultfile.NotePrefix

// shortBenchtime is the -benchtime that -short implies when -benchtime was
// not given: -short selects CI smoke sizes, and at the default 1s per
// sub-benchmark the storage families alone would overrun a smoke budget.
const shortBenchtime = "100ms"

// Main is the TestMain of every bench package, which describes itself in f.
// When benchmarks were requested (-test.bench set) it validates BENCHRIG_DIR
// (exiting 2 with a message naming the variable, its state and the fix when
// it cannot be used), runs f.Setup (exiting 2 on its error), sweeps run dirs
// left behind by killed runs, prints the file-level config lines
// ([Environment] of the scratch dir, then the family's keys) and the "Unit
// <unit> better=..." lines of the harness's and the family's units, runs m,
// unsets the family's keys, removes this run's dir and exits. While m runs
// benchmarks, os.Stdout is a pipe that Main copies to stdout itself, so a
// note written mid-benchmark waits for the result line to end (see the
// package doc). In test-only mode it just runs m (and still removes
// anything it created).
//
// On SIGINT or SIGTERM it ends the run itself: see [InterruptedKey]. It
// silences everything else's output, kills the children of the run
// (internal/child) and any other process the run started, removes the run
// dir and exits 130 (SIGINT) or 143 (SIGTERM), every time. A run killed any
// other way (SIGKILL, power loss) is swept by the next benchmark run, the
// processes it started included.
func Main(m *testing.M, f Family) {
	os.Exit(mainRun(m, os.Stdout, os.Stderr, f))
}

func mainRun(m *testing.M, stdout, stderr io.Writer, f Family) int {
	if !flag.Parsed() {
		flag.Parse()
	}
	if err := f.validate(); err != nil {
		fmt.Fprintf(stderr, logPrefix+"%v\n", err)
		return 2
	}
	familyMu.Lock()
	family = f
	familyMu.Unlock()
	lines := newLineOut(stdout, stderr)
	notes.Store(lines)
	defer notes.Store(nil)
	end := &ending{lines: lines, stderr: stderr, keys: f.Keys}
	end.watch()
	code := runFamily(m, stdout, stderr, f, end)
	end.claim() // blocks for good when a signal's handler owns the ending
	lines.unsplice(drainWait)
	if end.printed.Load() {
		unsetKeys(stdout, f.Keys)
	}
	if err := theRun.close(); err != nil {
		fmt.Fprintf(stderr, logPrefix+"%v\n", err)
	}
	return code
}

// runFamily prepares a benchmark run (when one was requested) and runs m.
func runFamily(m *testing.M, stdout, stderr io.Writer, f Family, end *ending) int {
	if benchRequested() {
		if err := applyShortBenchtime(stderr); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		if _, err := claimsRun(); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		if _, err := iteration(); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		extra, err := f.config()
		if err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		if err := prepareBench(stdout, stderr, extra, f.Units); err != nil {
			fmt.Fprintf(stderr, logPrefix+"%v\n", err)
			return 2
		}
		end.printed.Store(true)
		if stdout == io.Writer(os.Stdout) {
			defer spliceStdout(end.lines, stderr)()
		}
	}
	return m.Run()
}

// spliceStdout points os.Stdout, which testing reads when m.Run starts, at
// the pipe of l (see [lineOut]) and returns the function that restores it.
// Without a pipe (none could be made) notes are written at once, as before.
func spliceStdout(l *lineOut, stderr io.Writer) (restore func()) {
	pw, err := l.splice()
	if err != nil {
		fmt.Fprintf(stderr, logPrefix+"%v; notes may split result lines\n", err)
		return func() {}
	}
	saved := os.Stdout
	os.Stdout = pw
	return func() { os.Stdout = saved }
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
func prepareBench(stdout, stderr io.Writer, extra []Config, familyUnits []string) error {
	base, err := benchDir(true)
	if err != nil {
		return err
	}
	if err := sweep(base, stderr); err != nil {
		return err
	}
	var nd *errNotDisk
	if errors.As(diskBacked(base), &nd) {
		fmt.Fprintf(stderr, logPrefix+"%v; benchmarks that need a disk skip, each saying so\n", nd)
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
	// short says whether the run used -short's sizes, so a report can tell
	// a -short file from a full one.
	short := Config{"short", "off"}
	if testing.Short() {
		short.Value = "on"
	}
	cfg := append(append(Environment(dir), short), extra...)
	if err := writeConfig(stdout, cfg); err != nil {
		return err
	}
	return writeUnits(stdout, append(Units(), familyUnits...))
}

// writeConfig prints "key: value" lines; keys and values must not contain
// spaces (values are sanitised, keys are the caller's responsibility).
func writeConfig(w io.Writer, cfg []Config) error {
	for _, c := range cfg {
		if err := checkKey(c.Key); err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s: %s\n", c.Key, cleanValue(c.Value)); err != nil {
			return err
		}
	}
	return nil
}

// checkKey accepts a config key benchfmt reads as one: lowercase, no spaces
// or colons.
func checkKey(k string) error {
	if k == "" || strings.ContainsAny(k, " \t\n:") || strings.ToLower(k) != k {
		return fmt.Errorf("config key %q: keys are lowercase with no spaces or colons", k)
	}
	return nil
}

// unsetKeys prints an empty "key:" line, which benchfmt reads as "unset", for
// each key: config lines persist until changed, so in a file that
// concatenates several packages' output (go test ./bench/..., benchrig
// run) a family's keys would otherwise stick to the next package's results.
func unsetKeys(w io.Writer, keys []string) {
	for _, k := range keys {
		fmt.Fprintf(w, "%s:\n", k)
	}
}

func writeUnits(w io.Writer, us []string) error {
	for _, u := range us {
		if _, err := fmt.Fprintf(w, "Unit %s better=%s\n", u, resultfile.Better(u)); err != nil {
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
