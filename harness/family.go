package harness

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Family describes one bench package to [Main]: everything the harness must
// know about it is declared here, next to the family's code, so adding a
// family touches nothing outside its own folder.
type Family struct {
	// Name is the package name, lowercase letters and digits. Its knobs are
	// BENCHRIG_<NAME>_<KNOB> (see [Family.Knob]).
	Name string
	// Units are the units the family's benchmarks report through [Report]
	// beyond the harness's own ([Units]): each gets a "Unit <unit>
	// better=..." line, and reporting a unit declared nowhere fails the
	// benchmark.
	Units []string
	// Keys are the config keys the family adds after the environment's
	// ([EnvKeys]). Main prints them with the values Setup returns ("unknown"
	// for a key Setup leaves out) and, when the package ends, unsets each
	// with an empty "key:" line so it never sticks to the next package's
	// results in a file that holds several packages.
	Keys []string
	// Setup, when set, runs once after flags are parsed and only when
	// benchmarks were requested, before any config line is printed. It
	// reads the family's knobs and returns the values of Keys. An error is a
	// configuration error: Main prints it and exits 2, running nothing.
	Setup func() ([]Config, error)
}

// Knob returns the environment variable of the family's knob, e.g.
// Family{Name: "mmap"}.Knob("SIZE") is "BENCHRIG_MMAP_SIZE".
func (f Family) Knob(knob string) string {
	return "BENCHRIG_" + strings.ToUpper(f.Name) + "_" + knob
}

// harnessUnits are the units the harness itself reports (testing's ns/op and
// MB/s, [Meter.Report], [Latency.Report], [LoadWatch.Report]), in the order
// their Unit lines are printed.
var harnessUnits = []string{
	"ns/op", "MB/s",
	"p50-ns", "p99-ns", "p99.9-ns",
	"read-B/op", "write-B/op", "dev-reads/op",
	"majflt/op", "minflt/op",
	"other-cpus", "steal-cpus", "other-runs",
}

// Units returns the units the harness reports itself, in the order Main
// prints their "Unit <unit> better=..." lines; a family's own units follow.
func Units() []string { return slices.Clone(harnessUnits) }

var (
	familyMu sync.Mutex
	family   Family // the family Main runs, for Report
)

var familyName = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// validate checks a Family declaration against the harness's own units and
// keys; an error here is a bug in the family's TestMain.
func (f Family) validate() error {
	if !familyName.MatchString(f.Name) {
		return fmt.Errorf("family name %q: want lowercase letters and digits, the package name", f.Name)
	}
	for _, u := range f.Units {
		if u == "" || strings.ContainsAny(u, " \t\n") {
			return fmt.Errorf("family %s: unit %q: units are non-empty with no spaces", f.Name, u)
		}
		if slices.Contains(harnessUnits, u) {
			return fmt.Errorf("family %s: unit %s is the harness's own; remove it from Units", f.Name, u)
		}
	}
	for _, k := range f.Keys {
		if err := checkKey(k); err != nil {
			return fmt.Errorf("family %s: %w", f.Name, err)
		}
		if slices.Contains(EnvKeys(), k) {
			return fmt.Errorf("family %s: config key %s is the environment's; remove it from Keys", f.Name, k)
		}
	}
	return nil
}

// config runs Setup and orders its values as Keys, with "unknown" for a key
// Setup leaves out.
func (f Family) config() ([]Config, error) {
	var got []Config
	if f.Setup != nil {
		var err error
		if got, err = f.Setup(); err != nil {
			return nil, err
		}
	}
	for _, c := range got {
		if !slices.Contains(f.Keys, c.Key) {
			return nil, fmt.Errorf("family %s: Setup returned config key %q that Keys does not declare; add it to Keys", f.Name, c.Key)
		}
	}
	cfg := make([]Config, 0, len(f.Keys))
	for _, k := range f.Keys {
		v := unknown
		if i := slices.IndexFunc(got, func(c Config) bool { return c.Key == k }); i >= 0 {
			v = got[i].Value
		}
		cfg = append(cfg, Config{k, v})
	}
	return cfg, nil
}

// Report records a metric of b after its timed loop, as b.ReportMetric does,
// and fails b when unit is neither one of the harness's [Units] nor declared
// in the Units of the [Family] that [Main] runs. Bench packages report every
// metric through it, so a unit that would reach result files without a Unit
// line (and with a direction the gate could get wrong) fails the benchmark.
func Report(b *testing.B, n float64, unit string) {
	b.Helper()
	familyMu.Lock()
	f := family
	familyMu.Unlock()
	if !slices.Contains(harnessUnits, unit) && !slices.Contains(f.Units, unit) {
		name := f.Name
		if name == "" {
			name = "(none: harness.Main was not called)"
		}
		b.Fatalf("harness.Report: unit %q is not declared by the harness or by family %s; add it to the Units of the harness.Family that TestMain passes to harness.Main", unit, name)
	}
	b.ReportMetric(n, unit)
}

// Note writes a harness note to stderr: one line starting "# benchrig: ",
// which benchfmt never reads as a config line. Under [Main], a note written
// while a benchmark runs waits until the benchmark's result line is
// complete, so go test, which folds stderr into stdout, never prints it in
// the middle of that line.
func Note(format string, args ...any) {
	writeNote(fmt.Sprintf(logPrefix+format+"\n", args...))
}

// BenchRequested reports whether -test.bench selects benchmarks (flags must
// be parsed).
func BenchRequested() bool { return benchRequested() }
