package report

import (
	"fmt"
	"slices"
	"strconv"
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

// Headlines returns the machine's sentences, family by family, as each
// family's family.toml declares them. A sentence whose rows are absent
// says so, with the run's skip reason.
func (m *Machine) Headlines() []Headline {
	var hs []Headline
	for _, f := range families() {
		for i, s := range f.Headlines {
			h := Headline{Family: f.Name}
			rows, missing := m.rowsOf(f, s.Rows)
			text, err := f.say("headline "+strconv.Itoa(i), rows)
			switch {
			case rows == nil:
				text = fmt.Sprintf("%s (%s)", missing.skip, strings.Join(slices.DeleteFunc(slices.Clone(missing.want), absentKey), " "))
			case err != nil:
				text, rows = err.Error(), nil
			default:
				h.Rows, h.Busy = rows, busyOf(rows)
			}
			h.Text = s.About + ": " + text
			hs = append(hs, h)
		}
	}
	return hs
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

// absentKey reports whether kv is "key=", which a row matches by not having
// the key: a condition to match by, not a key to name.
func absentKey(kv string) bool { return strings.HasSuffix(kv, "=") }
