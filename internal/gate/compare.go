package gate

import (
	"errors"
	"fmt"
	"math"

	"github.com/aclements/go-moremath/stats"
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

// tested is one row×unit with enough samples for its test.
type tested struct {
	row  int // index into Report.Rows
	b, h *benchmath.Sample
	ds   []float64 // per-pair relative changes for the paired test; nil for the U test
}

// MDEPower is the probability of detection the minimum detectable effect
// (Row.MDE, CalibrateRow.MDE) is computed for, unless Options.Power says
// otherwise.
const MDEPower = 0.80

// compare applies the package doc's rule in its order: match rows, sample
// both sides, test, correct with Holm within each family, warn, decide.
func compare(l *loaded) (*Report, error) {
	rep := newReport(l)
	ts := rep.match(l)
	if len(rep.Rows) == 0 {
		return nil, &InputError{File: l.hs.name, Msg: fmt.Sprintf("no benchmark row is in both %s and %s (%d and %d rows); compare runs of the same suite", l.bs.name, l.hs.name, len(l.bs.rows), len(l.hs.rows))}
	}
	ps := rep.test(ts)
	for _, fam := range []string{TimeFamily, CountedFamily} {
		fts, fps := rep.inFamily(fam, ts, ps)
		rep.holm(fts, fps, l.opts.Alpha)
		rep.mde(fts, l.opts.Alpha, l.opts.Power)
		rep.warnSmallN(fam, fts, l.opts.Alpha)
	}
	rep.warnDrift()
	rep.warnBusy()
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
		Power:      opts.Power,
		Confidence: opts.Confidence,
		Paired:     bs.pairing.with.line > 0 && hs.pairing.with.line > 0,
		Config:     configDiffs(bs, hs),
		Rows:       []Row{},
		OnlyBase:   []string{},
		OnlyHead:   []string{},
		Warnings:   []string{},
	}
}

// test runs each tested row×unit's test (Yuen's trimmed t on pairs, else
// Mann-Whitney U) and returns the p-values; warnings become row notes.
func (rep *Report) test(ts []tested) []float64 {
	ps := make([]float64, len(ts))
	for i, t := range ts {
		row := &rep.Rows[t.row]
		var warns []error
		if t.ds != nil {
			p, err := yuen(t.ds)
			ps[i] = p
			if err != nil {
				warns = append(warns, err)
			}
		} else {
			c := benchmath.AssumeNothing.Compare(t.b, t.h)
			ps[i], warns = c.P, c.Warnings
		}
		for _, w := range warns {
			if errors.Is(w, stats.ErrSamplesEqual) {
				row.Notes = append(row.Notes, "all samples on both sides are equal: no change")
				continue
			}
			row.Notes = append(row.Notes, w.Error())
		}
	}
	return ps
}

// inFamily returns the tested rows of one family and their p-values.
func (rep *Report) inFamily(fam string, ts []tested, ps []float64) ([]tested, []float64) {
	var fts []tested
	var fps []float64
	for i, t := range ts {
		if rep.Rows[t.row].Family == fam {
			fts, fps = append(fts, t), append(fps, ps[i])
		}
	}
	return fts, fps
}

// holm adjusts one family's ps with Holm–Bonferroni and judges its rows.
func (rep *Report) holm(ts []tested, ps []float64, alpha float64) {
	adj := Holm(ps)
	for i, t := range ts {
		row := &rep.Rows[t.row]
		if row.Family == CountedFamily {
			rep.Counted++
		} else {
			rep.Compared++
		}
		row.P, row.PAdj = ptr(ps[i]), ptr(adj[i])
		row.Status = judge(row, adj[i] < alpha)
		if row.Status == Regressed && row.Family == CountedFamily && withinRange(row.Head.Median, t.b.Values) {
			row.Status = WithinThresh
			row.Notes = append(row.Notes, "head's median is inside base's range: a count within its own A/A spread")
		}
		switch row.Status {
		case Regressed:
			rep.Regressed++
		case Improved:
			rep.Improved++
		}
	}
}

// withinRange reports whether v lies within [min(xs), max(xs)].
func withinRange(v float64, xs []float64) bool {
	lo, hi := stats.Bounds(xs)
	return v >= lo && v <= hi
}

// mde sets the minimum detectable effect, at the given power, of one
// family's tested rows at its Holm's strictest level alpha/m.
func (rep *Report) mde(ts []tested, alpha, power float64) {
	alpha1 := alpha / float64(max(len(ts), 1))
	for _, t := range ts {
		row := &rep.Rows[t.row]
		if t.ds != nil {
			row.MDE = mdeYuen(t.ds, alpha1, power)
			continue
		}
		n1, n2 := len(t.b.Values), len(t.h.Values)
		if MinP(n1, n2) < alpha1 {
			sigma := math.Sqrt((sq(robustSigma(t.b.Values)) + sq(robustSigma(t.h.Values))) / 2)
			row.MDE = ptr(mdeU(sigma, n1, n2, alpha1, power))
		}
	}
}

// warnSmallN warns when even a perfect separation at the family's
// smallest n cannot beat alpha/m.
func (rep *Report) warnSmallN(fam string, ts []tested, alpha float64) {
	if len(ts) == 0 {
		return
	}
	worst, n := 0.0, 0
	for _, t := range ts {
		if t.ds != nil {
			continue // Yuen's p has no floor above 0
		}
		mp, tn := MinP(len(t.b.Values), len(t.h.Values)), min(len(t.b.Values), len(t.h.Values))
		if mp > worst {
			worst, n = mp, tn
		}
	}
	m := float64(len(ts))
	if worst >= alpha/m {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf(
			"with %d %s comparisons and n=%d, a lone change cannot reach significance (smallest possible p %.2g ≥ alpha/%d = %.2g); run more iterations (-count) or compare fewer rows (-filter, -units)",
			len(ts), fam, n, worst, len(ts), alpha/m))
	}
}

// warnDrift says, for files that were not interleaved, that drift between
// the runs is untested and what would make the verdict trustworthy.
func (rep *Report) warnDrift() {
	if rep.Paired {
		return
	}
	rep.Warnings = append(rep.Warnings, fmt.Sprintf(
		"not interleaved (no pair: lines): a drift of the machine between the two runs is untested and shows as a change of every row. "+
			"To trust this verdict, run BASE and HEAD interleaved (benchrig ab), or run BASE twice, back to back as BASE and HEAD were, "+
			"and check that benchrig noise on those two files says \"gate verdict on this A/A pair: pass\" with a suggested -threshold at most %s", rep.Threshold))
}

// warnBusy counts the rows measured on a busy machine.
func (rep *Report) warnBusy() {
	if rep.Busy == 0 {
		return
	}
	rep.Warnings = append(rep.Warnings, fmt.Sprintf(
		"%d %s measured on a busy machine (see each row's busy note): their noise is larger, so the gate detects less there; rerun on a quiet machine",
		rep.Busy, plural(rep.Busy, "row was", "rows were")))
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
