package abrun

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/internal/gate"
)

// RowID names one benchmark row as the gate reports it: its package and
// its name without the Benchmark prefix and the -N GOMAXPROCS suffix.
type RowID struct{ Pkg, Name string }

// Decision is what the gate says about the results at one look. A row is
// failing when any tested unit of it was decided fail, undecided when no
// unit failed and some unit is undecided, and passed otherwise.
type Decision struct {
	Undecided []RowID          // rows that need more pairs to be decided
	Failing   []RowID          // rows that regressed
	Passed    []RowID          // rows decided pass
	Reasons   map[RowID]string // why, per row, for the log
	Code      int              // the gate's exit code if sampling stopped now: 0 pass, 1 regression, 2 insufficient
	Summary   string           // one line
	Write     func(io.Writer) error
	// Document says Write writes one machine-readable document (-format
	// json): what sampling adds to the report (decisions, confirmation,
	// summary) then goes to the log instead, so the output stays valid.
	Document bool
}

// writeWith writes d's report to w and then extra, to w or, when the
// report is a Document, to log.
func (d *Decision) writeWith(w, log io.Writer, extra func(io.Writer) error) error {
	if err := d.Write(w); err != nil {
		return err
	}
	if d.Document {
		return extra(log)
	}
	return extra(w)
}

// Decider judges two results files (A is the base, B the head) at look
// look of at most looks (1-based; a single comparison is look 1 of 1).
type Decider interface {
	Decide(a, b string, look, looks int) (*Decision, error)
}

// GateDecider decides with gate.Decide, the gate's group-sequential
// design: at look j of K it tests at the alpha the Lan–DeMets
// O'Brien–Fleming spending function assigns to j/K, and passes a row
// early only when its MDE is at most Target.
type GateDecider struct {
	Opts   gate.Options
	Target float64 // the effect worth catching, a fraction; 0: Opts.Threshold's default
	Format gate.Format
	Strict bool // inconclusive rows at the last look exit 2 (gate.Plan.Strict)
}

func (g GateDecider) target() float64 {
	switch {
	case g.Target > 0:
		return g.Target
	case g.Opts.Threshold != nil:
		return g.Opts.Threshold.Default
	}
	return gate.DefaultThreshold
}

// Decide implements Decider.
func (g GateDecider) Decide(a, b string, look, looks int) (*Decision, error) {
	fa, err := os.Open(a)
	if err != nil {
		return nil, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return nil, err
	}
	defer fb.Close()
	plan := gate.Plan{Target: g.target(), Look: look, Looks: looks, Strict: g.Strict}
	ds, rep, err := gate.Decide(gate.Input{Name: a, R: fa}, gate.Input{Name: b, R: fb}, g.Opts, plan)
	if err != nil {
		return nil, err
	}
	return newDecision(ds, rep, g.Format), nil
}

// newDecision sums gate.Decide's per-unit decisions up per row.
func newDecision(ds []gate.Decision, rep *gate.Report, f gate.Format) *Decision {
	d := &Decision{Code: rep.ExitCode(), Summary: rep.Summary(), Reasons: map[RowID]string{},
		Write: func(w io.Writer) error { return rep.Write(w, f) }, Document: f == gate.JSON}
	for _, x := range ds {
		id := RowID{x.Pkg, x.Name}
		d.Reasons[id] = strings.TrimPrefix(d.Reasons[id]+"; ", "; ") + x.Unit + ": " + x.Reason
		switch x.State {
		case gate.DecidedFail:
			d.Failing = appendNew(d.Failing, id)
		case gate.Undecided:
			d.Undecided = appendNew(d.Undecided, id)
		default:
			d.Passed = appendNew(d.Passed, id)
		}
	}
	d.Undecided = slices.DeleteFunc(d.Undecided, func(r RowID) bool { return slices.Contains(d.Failing, r) })
	d.Passed = slices.DeleteFunc(d.Passed, func(r RowID) bool {
		return slices.Contains(d.Failing, r) || slices.Contains(d.Undecided, r)
	})
	if d.Code == 0 && rep.Few > 0 {
		rep.Verdict = gate.TooFew // the words match the exit code
		d.Code, d.Summary = 2, rep.Summary()
	}
	return d
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
