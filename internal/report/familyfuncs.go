package report

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"
)

// rowFuncs are the functions a family's templates call (go doc ./bench,
// "What the report says"): rows are numbered from 0 in the order the rule
// names them. A function that needs a number the row lacks fails, which
// makes a sentence say so and a claim not testable.
func rowFuncs(rows []*Row) template.FuncMap {
	rs := rowSet(rows)
	fm := template.FuncMap{
		// Sentences.
		"text":    rs.text,
		"times":   rs.times,
		"change":  rs.change,
		"key":     rs.key,
		"config":  rs.config,
		"has":     func(i int) bool { return i >= 0 && i < len(rows) },
		"hasunit": func(i int, unit string) bool { _, err := rs.stat(i, unit); return err == nil },
		"med":     rs.med,
		"vs":      rs.vs,
		// Claim rules (verdict.go).
		"near":      rs.near,
		"inband":    rs.inband,
		"above":     rs.above,
		"nearratio": rs.nearratio,
	}
	maps.Copy(fm, plainFuncs)
	return fm
}

// plainFuncs work on plain numbers.
var plainFuncs = template.FuncMap{
	"value":   Value,
	"add":     func(a, b float64) float64 { return a + b },
	"sub":     func(a, b float64) float64 { return a - b },
	"div":     div,
	"pct":     func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
	"between": func(x, lo, hi float64) bool { return x >= lo && x <= hi },
	// fail makes the claim not testable, with msg as the reason.
	"fail":    func(msg string) (string, error) { return "", errors.New(msg) },
	"listhas": func(list, item string) bool { return slices.Contains(strings.Split(list, ","), item) },
	"band":    bandText,
	"bandrange": func(lo, hi float64, unit string) string {
		return fmt.Sprintf("%s–%s", Value(lo/Band, unit), Value(hi*Band, unit))
	},
	"bandx": func() string { return fmt.Sprintf("%g×", Band) },
}

func div(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("a zero median (nothing to divide by)")
	}
	return a / b, nil
}

// rowSet is the rows a rule names, by index.
type rowSet []*Row

func (rs rowSet) row(i int) (*Row, error) {
	if i < 0 || i >= len(rs) {
		return nil, fmt.Errorf("row %d: the rule has %d rows", i, len(rs))
	}
	return rs[i], nil
}

func (rs rowSet) stat(i int, unit string) (Stat, error) {
	r, err := rs.row(i)
	if err != nil {
		return Stat{}, err
	}
	s, ok := r.stat(unit)
	if !ok || s.N == 0 {
		return Stat{}, fmt.Errorf("%s: %s not reported", r.Name, unit)
	}
	return s, nil
}

func (rs rowSet) ratio(i, j int, unit string) (Ratio, error) {
	a, err := rs.stat(i, unit)
	if err != nil {
		return Ratio{}, err
	}
	b, err := rs.stat(j, unit)
	return ratio(a, b), err
}

func (rs rowSet) text(i int, unit string) (string, error) {
	r, err := rs.row(i)
	return text(must(r, unit)), err
}

func (rs rowSet) times(i, j int, unit string) (string, error) {
	q, err := rs.ratio(i, j, unit)
	return q.String(), err
}

func (rs rowSet) change(i, j int, unit string) (string, error) {
	a, err := rs.row(i)
	if err != nil {
		return "", err
	}
	b, err := rs.row(j)
	if err != nil {
		return "", err
	}
	return change(a, b, unit), nil
}

func (rs rowSet) key(i int, k string) (string, error) {
	r, err := rs.row(i)
	if err != nil {
		return "", err
	}
	return r.Keys[k], nil
}

// config returns the file config line k in force at row i's results; a
// row whose file has no such line (an older run, or unknown) fails.
func (rs rowSet) config(i int, k string) (string, error) {
	r, err := rs.row(i)
	if err != nil {
		return "", err
	}
	v := r.Config[k]
	if v == "" || v == "unknown" {
		return "", fmt.Errorf("%s: no %s: config line", r.Name, k)
	}
	return v, nil
}

func (rs rowSet) med(i int, unit string) (float64, error) {
	s, err := rs.stat(i, unit)
	return s.Center, err
}

func (rs rowSet) near(i int, unit string, claimed float64) (bool, error) {
	s, err := rs.stat(i, unit)
	return err == nil && nearStat(s, claimed), err
}

func (rs rowSet) inband(i int, unit string, lo, hi float64) (bool, error) {
	s, err := rs.stat(i, unit)
	return err == nil && inBand(s, lo, hi), err
}

func (rs rowSet) above(i, j int, unit string, x float64) (bool, error) {
	q, err := rs.ratio(i, j, unit)
	return err == nil && aboveX(q, x), err
}

func (rs rowSet) nearratio(i, j int, unit string, claimed float64) (bool, error) {
	q, err := rs.ratio(i, j, unit)
	return err == nil && nearRatio(q, claimed), err
}

// vs says how the row's median compares with a claimed number, in the
// words of the unit: "2.2× faster than claimed", "1.3× more than claimed".
func (rs rowSet) vs(i int, unit string, claimed float64) (string, error) {
	s, err := rs.stat(i, unit)
	if err != nil || claimed <= 0 || s.Center <= 0 {
		return "", err
	}
	q := s.Center / claimed
	more, less := "more", "less"
	switch {
	case strings.HasSuffix(unit, "/s"):
		more, less = "faster", "slower"
	case unit == "ns/op" || strings.HasSuffix(unit, "-ns/op") || strings.HasSuffix(unit, "-ns"):
		more, less = "slower", "faster"
	}
	if q >= 1 {
		return times3(q) + "× " + more + " than claimed", nil
	}
	return times3(1/q) + "× " + less + " than claimed", nil
}
