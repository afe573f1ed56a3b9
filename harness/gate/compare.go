package gate

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/aclements/go-moremath/stats"
	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Compare reads base and head (streamed, one line at a time), matches rows
// and applies the regression rule described in the package doc. The error
// is an InputErrors or *InputError when an input is unusable and a
// *UsageError when opts is; the report is then nil.
func Compare(base, head Input, opts Options) (*Report, error) {
	l, err := load(base, head, opts, "compare")
	if err != nil {
		return nil, err
	}
	return compare(l)
}

// loaded is both inputs read with one parser, and the options with their
// defaults filled in.
type loaded struct {
	p      *parser
	bs, hs *side
	opts   Options
}

// load fills in the defaults, reads both inputs and refuses unusable ones;
// what names the operation in the machine-mismatch error.
func load(a, b Input, opts Options, what string) (*loaded, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, &UsageError{err}
	}
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	l := &loaded{p: p, bs: p.read(a), hs: p.read(b), opts: opts}
	if err := checkSides(l.bs, l.hs, opts, what); err != nil {
		return nil, err
	}
	return l, nil
}

// checkSides turns unusable inputs into errors.
func checkSides(bs, hs *side, opts Options, what string) error {
	var errs InputErrors
	errs = append(errs, bs.errs...)
	errs = append(errs, hs.errs...)
	for _, s := range []*side{bs, hs} {
		if len(s.errs) > 0 {
			continue
		}
		switch {
		case s.results == 0:
			errs = append(errs, &InputError{File: s.name, Msg: "no benchmark results (empty file, or no Benchmark lines); pass the output of go test -run '^$' -bench ."})
		case s.kept == 0:
			errs = append(errs, &InputError{File: s.name, Msg: fmt.Sprintf("-filter %q -units %q keep none of %d results; loosen them", opts.Filter, strings.Join(opts.Units, ","), s.results)})
		}
	}
	if len(errs) == 0 {
		errs = append(errs, conflictingMeta(bs, hs)...)
	}
	if len(errs) == 0 && !opts.CrossMachine {
		errs = append(errs, otherMachine(bs, hs, what)...)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func otherMachine(bs, hs *side, what string) InputErrors {
	var errs InputErrors
	for _, k := range []string{"machine", "cpu"} {
		b, bok := bs.config[k]
		h, hok := hs.config[k]
		if bok && hok && b.value != h.value {
			errs = append(errs, &InputError{File: h.at.file, Line: h.at.line, Msg: fmt.Sprintf(
				"refusing to %s runs of different machines: %s %q here but %q at %s; hardware differences would show as regressions. Compare runs of one machine, or pass -cross-machine if that is intended",
				what, k, h.value, b.value, b.at)})
		}
	}
	return errs
}

func conflictingMeta(bs, hs *side) InputErrors {
	var errs InputErrors
	keys := make([]benchfmt.UnitMetadataKey, 0, len(bs.units))
	for k := range bs.units {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].Unit+" "+keys[i].Key < keys[j].Unit+" "+keys[j].Key
	})
	for _, k := range keys {
		b := bs.units[k]
		h, ok := hs.units[k]
		if !ok || h.Value == b.Value {
			continue
		}
		bf, bl := b.Pos()
		hf, hl := h.Pos()
		errs = append(errs, &InputError{File: hf, Line: hl, Msg: fmt.Sprintf("Unit %s %s=%s contradicts %s=%s at %s:%d; the files disagree on the unit's meaning", h.OrigUnit, k.Key, h.Value, k.Key, b.Value, bf, bl)})
	}
	return errs
}

// tested is one row×unit with enough samples for the test.
type tested struct {
	row  int // index into Report.Rows
	b, h *benchmath.Sample
}

// compare applies the package doc's rule in its order: match rows, sample
// both sides, test, correct with Holm, warn, decide.
func compare(l *loaded) (*Report, error) {
	rep := newReport(l)
	ts := rep.match(l)
	if len(rep.Rows) == 0 {
		return nil, &InputError{File: l.hs.name, Msg: fmt.Sprintf("no benchmark row is in both %s and %s (%d and %d rows); compare runs of the same suite", l.bs.name, l.hs.name, len(l.bs.rows), len(l.hs.rows))}
	}
	ps := rep.test(ts)
	rep.holm(ts, ps, l.opts.Alpha)
	rep.warnSmallN(ts, l.opts.Alpha)
	rep.decide(l.opts.AllowFew)
	return rep, nil
}

func newReport(l *loaded) *Report {
	bs, hs, opts := l.bs, l.hs, l.opts
	return &Report{
		Version:    SchemaVersion,
		Kind:       "compare",
		Base:       FileInfo{Name: bs.name, Results: bs.results, Kept: bs.kept, Rows: len(bs.rows)},
		Head:       FileInfo{Name: hs.name, Results: hs.results, Kept: hs.kept, Rows: len(hs.rows)},
		Alpha:      opts.Alpha,
		Threshold:  opts.Threshold.String(),
		Confidence: opts.Confidence,
		Config:     configDiffs(bs, hs),
		Rows:       []Row{},
		OnlyBase:   []string{},
		OnlyHead:   []string{},
		Warnings:   []string{},
	}
}

// test runs the Mann-Whitney U test on every tested row×unit and returns
// the p-values; the test's warnings become row notes.
func (rep *Report) test(ts []tested) []float64 {
	ps := make([]float64, len(ts))
	for i, t := range ts {
		c := benchmath.AssumeNothing.Compare(t.b, t.h)
		ps[i] = c.P
		row := &rep.Rows[t.row]
		for _, w := range c.Warnings {
			if errors.Is(w, stats.ErrSamplesEqual) {
				row.Notes = append(row.Notes, "all samples on both sides are equal: no change")
				continue
			}
			row.Notes = append(row.Notes, w.Error())
		}
	}
	return ps
}

// holm adjusts ps with Holm–Bonferroni and judges each tested row.
func (rep *Report) holm(ts []tested, ps []float64, alpha float64) {
	adj := Holm(ps)
	rep.Compared = len(ts)
	for i, t := range ts {
		row := &rep.Rows[t.row]
		row.P, row.PAdj = ptr(ps[i]), ptr(adj[i])
		row.Status = judge(row, adj[i] < alpha)
		switch row.Status {
		case Regressed:
			rep.Regressed++
		case Improved:
			rep.Improved++
		}
	}
}

// warnSmallN warns when even a perfect separation at the smallest n cannot
// beat alpha/m.
func (rep *Report) warnSmallN(ts []tested, alpha float64) {
	if len(ts) == 0 {
		return
	}
	n := math.MaxInt
	for _, t := range ts {
		n = min(n, len(t.b.Values), len(t.h.Values))
	}
	m := float64(len(ts))
	if mp := MinP(n, n); mp >= alpha/m {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf(
			"with %d comparisons and n=%d a side, a lone change cannot reach significance (smallest possible p %.2g ≥ alpha/%d = %.2g); run more iterations (-count) or compare fewer rows (-filter, -units)",
			len(ts), n, mp, len(ts), alpha/m))
	}
}

// decide sets the report's verdict.
func (rep *Report) decide(allowFew bool) {
	switch {
	case rep.Few > 0 && !allowFew:
		rep.Verdict = TooFew
	case rep.Regressed > 0:
		rep.Verdict = Fail
	default:
		rep.Verdict = Pass
	}
}

func judge(row *Row, significant bool) Status {
	if !significant {
		return NoChange
	}
	b, h := row.Base.Median, row.Head.Median
	worse := (h < b) == (row.Better == "higher") && h != b
	exceeds := true
	if row.Change != nil {
		exceeds = math.Abs(*row.Change) > row.Threshold
	}
	switch {
	case h == b || !exceeds:
		return WithinThresh
	case worse:
		return Regressed
	default:
		return Improved
	}
}
