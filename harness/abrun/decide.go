package abrun

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/harness/gate"
)

// RowID names one benchmark row as the gate reports it: its package and
// its name without the Benchmark prefix and the -N GOMAXPROCS suffix.
type RowID struct{ Pkg, Name string }

// Decision is what the gate can say about the results so far.
type Decision struct {
	Undecided []RowID // rows that need more pairs to be decided
	Failing   []RowID // rows that regressed
	Code      int     // the gate's exit code if sampling stopped now: 0 pass, 1 regression, 2 insufficient
	Summary   string  // one line
	Write     func(io.Writer) error
}

// Decider judges two results files (A is the base, B the head).
type Decider interface {
	Decide(a, b string) (*Decision, error)
}

// GateDecider decides with gate.Compare. A row is decided when every unit
// of it is regressed, improved or within the threshold, or when it shows
// no change and its change plus both medians' CI half-widths stays within
// the threshold (a change of Target could not hide in it).
type GateDecider struct {
	Opts   gate.Options
	Format gate.Format
}

// Decide implements Decider.
func (g GateDecider) Decide(a, b string) (*Decision, error) {
	rep, err := gate.CompareFiles(a, b, g.Opts)
	if err != nil {
		return nil, err
	}
	d := &Decision{Code: rep.ExitCode(), Summary: rep.Summary(), Write: func(w io.Writer) error { return rep.Write(w, g.Format) }}
	for _, r := range rep.Rows {
		id := RowID{r.Pkg, r.Name}
		switch {
		case r.Status == gate.Regressed:
			d.Failing = appendNew(d.Failing, id)
		case !decided(r):
			d.Undecided = appendNew(d.Undecided, id)
		}
	}
	return d, nil
}

func decided(r gate.Row) bool {
	switch r.Status {
	case gate.Regressed, gate.Improved, gate.WithinThresh:
		return true
	case gate.NoChange:
		if r.Change == nil || r.Base.CIPct < 0 || r.Head.CIPct < 0 {
			return false
		}
		return math.Abs(*r.Change)+r.Base.CIPct+r.Head.CIPct <= r.Threshold
	}
	return false
}

func appendNew(ids []RowID, id RowID) []RowID {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// BenchRegexp returns a -test.bench regexp that selects exactly the rows'
// benchmarks: one alternative per row, each level anchored and quoted
// (go test matches a regexp per sub-benchmark level, split at "/" and at
// top-level "|").
func BenchRegexp(rows []RowID) string {
	var alts []string
	seen := map[string]bool{}
	for _, r := range rows {
		levels := strings.Split(r.Name, "/")
		levels[0] = "Benchmark" + levels[0]
		for i, l := range levels {
			levels[i] = "^" + regexp.QuoteMeta(l) + "$"
		}
		alt := strings.Join(levels, "/")
		if !seen[alt] {
			seen[alt] = true
			alts = append(alts, alt)
		}
	}
	return strings.Join(alts, "|")
}

// Pkgs returns the packages of rows.
func Pkgs(rows []RowID) []string {
	var ps []string
	for _, r := range rows {
		if !slices.Contains(ps, r.Pkg) {
			ps = append(ps, r.Pkg)
		}
	}
	return ps
}

func describe(rows []RowID) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = r.Name
	}
	return fmt.Sprintf("%d row(s): %s", len(rows), strings.Join(s, ", "))
}
