package report

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/perf/benchmath"
)

// Headline is one plain-words sentence about a machine, with the rows that
// say it.
type Headline struct {
	Family string
	Text   string
	Rows   []*Row // the rows the numbers come from, for links to the raw numbers
	Busy   string // why those rows were measured on a busy machine, or ""
}

// headlineRule writes one sentence from a machine's rows. It names the
// rows it needs as family and key=value lists; when one is absent the
// sentence says so, with the run's skip reason.
type headlineRule struct {
	family string
	lead   string     // what the sentence is about
	rows   [][]string // key=value lists of the rows needed
	say    func(rows []*Row) string
}

// Headlines returns the machine's sentences, family by family.
func (m *Machine) Headlines() []Headline {
	var hs []Headline
	for _, rule := range headlineRules {
		h := Headline{Family: rule.family}
		var missing string
		for i, want := range rule.rows {
			if i > 0 {
				want = sameScale(want, h.Rows[0])
			}
			r := m.find(rule.family, want...)
			if r == nil {
				missing = fmt.Sprintf("%s (%s)", m.skipFor(rule.family, want...), strings.Join(want, " "))
				break
			}
			h.Rows = append(h.Rows, r)
		}
		if missing != "" {
			h.Text, h.Rows = rule.lead+": "+missing, nil
		} else {
			h.Text = rule.lead + ": " + rule.say(h.Rows)
			h.Busy = busyOf(h.Rows)
		}
		hs = append(hs, h)
	}
	return hs
}

// scaleKeys are the name keys that give a row's size: the rows of one
// sentence are compared at the first row's size.
var scaleKeys = []string{"size", "modules", "tree", "goroutines"}

// sameScale adds first's scale keys to want.
func sameScale(want []string, first *Row) []string {
	want = slices.Clone(want)
	for _, k := range scaleKeys {
		if v, ok := first.Keys[k]; ok && !slices.ContainsFunc(want, func(kv string) bool { return strings.HasPrefix(kv, k+"=") }) {
			want = append(want, k+"="+v)
		}
	}
	return want
}

func busyOf(rows []*Row) string {
	var why []string
	for _, r := range rows {
		if b := r.Busy(); b != "" {
			why = append(why, r.Name+": "+b)
		}
	}
	return strings.Join(why, "; ")
}

// must returns a row's stat in unit, or a zero-sample Stat whose String
// says the unit is missing.
func must(r *Row, unit string) Stat {
	s, ok := r.stat(unit)
	if !ok {
		return Stat{Unit: unit}
	}
	return s
}

// text formats a stat for a sentence: "missing" when the row lacks it.
func text(s Stat) string {
	if s.N == 0 {
		return "(" + s.Unit + " not reported)"
	}
	return s.String()
}

// times says how many times b a is, with the ratio's interval.
func times(a, b Stat) string {
	if a.N == 0 || b.N == 0 {
		return "(" + a.Unit + " not reported)"
	}
	return ratio(a, b).String()
}

// change compares two samples with benchmath's U-test and says whether
// the difference is significant at the report's level.
func change(a, b *Row, unit string) string {
	av, bv := a.Values[unit], b.Values[unit]
	if len(av) == 0 || len(bv) == 0 {
		return "(" + unit + " not reported)"
	}
	sa := benchmath.NewSample(av, &benchmath.DefaultThresholds)
	sb := benchmath.NewSample(bv, &benchmath.DefaultThresholds)
	c := benchmath.AssumeNothing.Compare(sb, sa)
	delta := fmt.Sprintf("%+.0f%%", (must(a, unit).Center/must(b, unit).Center-1)*100)
	if c.P < c.Alpha {
		return fmt.Sprintf("changes by %s (p=%.3f)", delta, c.P)
	}
	return fmt.Sprintf("does not change detectably (%s, p=%.2f, n=%d+%d)", delta, c.P, len(av), len(bv))
}
