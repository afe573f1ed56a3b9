package abrun

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// MaxLooks is the most looks a budget buys, the number of looks the
// gate's simulation of its sequential design checks. More would spread
// alpha thinner: at alpha 0.05, 4 looks spend 0.00009, 0.0055, 0.018 and
// 0.026; 10 looks would leave 0.011 to the last.
const MaxLooks = 4

// schedule is when the looks are: look 1 after first pairs of every row,
// look j after first + (j-1)·step pairs, at most looks looks.
type schedule struct{ first, step, looks int }

// plan returns the look schedule of s, given the wall time of the first
// round (Count pairs of every row). Without a budget there is one look.
// With one, the looks after the first are as many steps of Step pairs as
// the budget left after the first round pays for at the first round's
// time per pair, at most MaxLooks looks in all. Later rounds run only the
// undecided rows, so they cost at most that much a pair and the planned
// looks usually fit.
func (s Sampling) plan(first time.Duration) schedule {
	sc := schedule{first: s.Count, step: s.step(), looks: 1}
	if s.Budget <= 0 || first >= s.Budget {
		return sc
	}
	perStep := max(1, first/time.Duration(s.Count)*time.Duration(sc.step))
	extra := (s.Budget - first) / perStep
	sc.looks = 1 + int(min(extra, MaxLooks-1))
	return sc
}

// pairs is the number of pairs of an undecided row at look j.
func (sc schedule) pairs(j int) int { return sc.first + (j-1)*sc.step }

func (sc schedule) String() string {
	if sc.looks == 1 {
		return fmt.Sprintf("1 look, at %d pairs", sc.first)
	}
	return fmt.Sprintf("%d looks, at %d pairs and then every %d more (%d at the last)", sc.looks, sc.first, sc.step, sc.pairs(sc.looks))
}

// tracker keeps each row's first decision: a row decided at a look is
// not sampled again and keeps that decision (its samples are frozen, and
// testing them again at a later look's alpha would spend alpha twice).
type tracker struct {
	sc      schedule
	look    int       // the latest look
	last    *Decision // the latest look's decision
	order   []RowID
	state   map[RowID]string // "fail", "pass" or "" (undecided)
	reasons map[RowID]string
	log     io.Writer
}

func newTracker(sc schedule, log io.Writer) *tracker {
	return &tracker{sc: sc, state: map[RowID]string{}, reasons: map[RowID]string{}, log: log}
}

// update takes look j's decision, logs the rows it decided and returns
// the rows still undecided.
func (t *tracker) update(d *Decision, j int) []RowID {
	t.look, t.last = j, d
	var open []RowID
	for _, g := range []struct {
		state string
		rows  []RowID
	}{{"fail", d.Failing}, {"pass", d.Passed}, {"", d.Undecided}} {
		for _, r := range g.rows {
			if s, seen := t.state[r]; seen && s != "" {
				continue
			} else if !seen {
				t.order = append(t.order, r)
			}
			t.state[r], t.reasons[r] = g.state, d.Reasons[r]
			if g.state == "" {
				open = append(open, r)
			} else if t.sc.looks > 1 {
				fmt.Fprintf(t.log, "benchrig: look %d of %d: %s decided %s: %s\n", j, t.sc.looks, r.Name, g.state, d.Reasons[r])
			}
		}
	}
	if t.sc.looks > 1 {
		fmt.Fprintf(t.log, "benchrig: look %d of %d at %d pairs: %d row(s) undecided\n", j, t.sc.looks, t.sc.pairs(j), len(open))
	}
	return open
}

// result is the decision over all looks.
func (t *tracker) result() *Decision {
	if t.sc.looks == 1 {
		return t.last
	}
	out := &Decision{Reasons: t.reasons}
	for _, r := range t.order {
		switch t.state[r] {
		case "fail":
			out.Failing = append(out.Failing, r)
		case "pass":
			out.Passed = append(out.Passed, r)
		default:
			out.Undecided = append(out.Undecided, r)
		}
	}
	switch {
	case len(out.Failing) > 0:
		out.Code, out.Summary = 1, fmt.Sprintf("fail: %s decided fail", describe(out.Failing))
	case t.last.Code == 2:
		out.Code, out.Summary = 2, t.last.Summary
	case len(out.Undecided) > 0:
		out.Summary = fmt.Sprintf("pass: no regression found, but %s still undecided when sampling stopped: a change of the target size could have been missed", describe(out.Undecided))
	default:
		out.Summary = fmt.Sprintf("pass: %s decided pass", describe(out.Passed))
	}
	out.Document = t.last.Document
	out.Write = func(w io.Writer) error {
		return t.last.writeWith(w, t.log, func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "%s\nbenchrig: %s\n", t.table(), out.Summary)
			return err
		})
	}
	return out
}

// table lists each row's decision after the last look.
func (t *tracker) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nDecisions after look %d of %d planned (%d pairs of the rows still undecided):\n", t.look, t.sc.looks, t.sc.pairs(t.look))
	for _, r := range t.order {
		s := t.state[r]
		if s == "" {
			s = "undecided"
		}
		fmt.Fprintf(&b, "  %s: %s (%s)\n", r.Name, s, t.reasons[r])
	}
	return b.String()
}
