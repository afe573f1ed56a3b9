package gate

import (
	"fmt"
	"math"
)

// DecidePower is the probability with which a change of the plan's Target
// is detected at the look where a row's MDE reaches Target: Decide
// computes MDEs at this power, so a row passes early only when a
// Target-sized regression would have failed it 19 times in 20.
const DecidePower = 0.95

// FloorShare is the share of Target below which Decide does not fail a
// row however significant its slowdown: a row fails when its slowdown is
// significant at the look's alpha and larger than FloorShare·Target.
// Failing only above Target itself would catch a change of exactly the
// Target size half the time; the floor at half of it makes DecidePower
// the power at Target, and a real change between the floor and Target is
// caught when the samples show it.
const FloorShare = 0.5

// Plan is the group-sequential design an adaptive runner follows: after
// each round of pairs (a look) it asks Decide which rows are decided and
// samples only the others, until every row is decided or the budget
// allows no more looks.
type Plan struct {
	// Target is the effect, a fraction (0.05 is 5%), a row must be able
	// to detect before it may pass early.
	Target float64
	// Look is this look, 1-based; Looks is the most looks the budget
	// allows (K). Looks are taken as equally spaced in information.
	Look, Looks int
	// Strict makes inconclusive rows (see Decide) the verdict Unsure,
	// exit 2, instead of a pass that counts them.
	Strict bool
}

// DecisionState is what a look decided for a row.
type DecisionState string

// Decision states.
const (
	DecidedPass DecisionState = "pass"      // no regression, and a Target-sized one would most likely have shown
	DecidedFail DecisionState = "fail"      // regressed at this look's share of alpha
	Undecided   DecisionState = "undecided" // sample this row again
)

// Decision is one row×unit's state at a look.
type Decision struct {
	Pkg    string        `json:"pkg"`
	Name   string        `json:"name"`
	Unit   string        `json:"unit"`
	State  DecisionState `json:"state"`
	MDE    *float64      `json:"mde"` // at this look's alpha; null when n is too small
	Reason string        `json:"reason"`
}

// SpentAlpha is the part of the family-wise level alpha that look may
// spend: α(t_j) − α(t_{j−1}) with t_j = j/K and the Lan–DeMets
// O'Brien–Fleming-type spending function α(t) = 2 − 2Φ(z(1−α/2)/√t). The
// increments add up to alpha over the K looks, so testing each look at its
// increment (and Holm across rows within it) keeps the whole sequence's
// false-alarm rate at most alpha whatever the correlation between looks;
// early looks spend little, so a row fails early only on a clear
// regression.
func (p Plan) SpentAlpha(alpha float64) float64 {
	spend := func(t float64) float64 {
		if t <= 0 {
			return 0
		}
		z := math.Sqrt2 * math.Erfinv(1-alpha)
		return math.Erfc(z / math.Sqrt(t) / math.Sqrt2)
	}
	k := float64(p.Looks)
	return spend(float64(p.Look)/k) - spend(float64(p.Look-1)/k)
}

func (p Plan) check() error {
	switch {
	case !(p.Target > 0 && p.Target < 1):
		return fmt.Errorf("-target %v: want an effect in (0%%, 100%%), e.g. 5%%", p.Target*100)
	case p.Looks < 1 || p.Look < 1 || p.Look > p.Looks:
		return fmt.Errorf("look %d of %d: want 1 ≤ look ≤ looks", p.Look, p.Looks)
	}
	return nil
}

// Decide compares base and head at look plan.Look and says for every
// tested row whether it is decided. The comparison runs at
// plan.SpentAlpha(opts.Alpha) instead of opts.Alpha, with MDEs at
// DecidePower and every threshold (plan.Target, and opts.Threshold's
// per-unit values) scaled by FloorShare: a row is DecidedFail when it
// regressed there; DecidedPass when it did not and its MDE at that
// level is at most plan.Target (stopping a row for futility never raises
// the false-alarm rate), or at the last look whatever its MDE (the reason
// then says the target was not reached). Every other row, and a row with
// too few samples, is Undecided: a
// runner samples it again and calls Decide at the next look with the
// files grown. The report is the comparison at this look.
func Decide(base, head Input, opts Options, plan Plan) ([]Decision, *Report, error) {
	if err := plan.check(); err != nil {
		return nil, nil, &UsageError{err}
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, nil, &UsageError{err}
	}
	opts.Alpha = plan.SpentAlpha(o.Alpha)
	opts.Power = DecidePower
	target := &Thresholds{Default: plan.Target, PerUnit: o.Threshold.PerUnit}
	opts.Threshold = target.Scaled(FloorShare)
	opts.AllowFew = true
	rep, err := Compare(base, head, opts)
	if err != nil {
		return nil, nil, err
	}
	rep.Target = target.String()
	var ds []Decision
	for i, row := range rep.Rows {
		if row.Family == "" {
			continue
		}
		d := decideRow(row, plan)
		if inconclusive(row, plan) {
			rep.Rows[i].Status = Inconclusive
			rep.Unsure++
		}
		ds = append(ds, d)
	}
	if plan.Strict && rep.Unsure > 0 && rep.Verdict == Pass {
		rep.Verdict = Unsure
	}
	return ds, rep, nil
}

// inconclusive reports whether row, at the last look, found no regression
// with an MDE above the target (or none): a change of the target size
// could have been missed, so the row does not count as a plain pass.
func inconclusive(row Row, plan Plan) bool {
	if plan.Look != plan.Looks || (row.Status != NoChange && row.Status != WithinThresh) {
		return false
	}
	return row.MDE == nil || *row.MDE > plan.Target
}

func decideRow(row Row, plan Plan) Decision {
	d := Decision{Pkg: row.Pkg, Name: row.Name, Unit: row.Unit, MDE: row.MDE, State: Undecided}
	last := plan.Look == plan.Looks
	switch {
	case row.Status == Regressed:
		d.State, d.Reason = DecidedFail, fmt.Sprintf("regressed %s at look %d of %d", fmtChange(row.Change), plan.Look, plan.Looks)
	case row.Status == Insufficient:
		d.Reason = "too few samples for a test"
	case row.MDE != nil && *row.MDE <= plan.Target:
		d.State, d.Reason = DecidedPass, fmt.Sprintf("no regression; MDE %s ≤ target %s", fmtMDE(row.MDE), fmtMDE(&plan.Target))
	case last:
		d.State, d.Reason = DecidedPass, fmt.Sprintf("no regression found, but the budget ended with MDE %s above target %s: a change of the target size could have been missed", fmtMDE(row.MDE), fmtMDE(&plan.Target))
	default:
		d.Reason = fmt.Sprintf("no regression yet; MDE %s > target %s", fmtMDE(row.MDE), fmtMDE(&plan.Target))
	}
	if len(row.Busy) > 0 {
		d.Reason += "; measured on a busy machine"
	}
	return d
}
