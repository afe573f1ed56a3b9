package report

import (
	"errors"
	"fmt"
	"text/template"
)

// rowFuncs are the functions a family's templates call (go doc ./bench,
// "What the report says"): rows are numbered from 0 in the order the rule
// names them. A function that needs a number the row lacks fails, which
// makes a sentence say so and a claim not testable.
func rowFuncs(rows []*Row) template.FuncMap {
	row := func(i int) (*Row, error) {
		if i < 0 || i >= len(rows) {
			return nil, fmt.Errorf("row %d: the rule has %d rows", i, len(rows))
		}
		return rows[i], nil
	}
	stat := func(i int, unit string) (Stat, error) {
		r, err := row(i)
		if err != nil {
			return Stat{}, err
		}
		s, ok := r.stat(unit)
		if !ok || s.N == 0 {
			return Stat{}, fmt.Errorf("%s: %s not reported", r.Name, unit)
		}
		return s, nil
	}
	stat2 := func(i, j int, unit string) (Stat, Stat, error) {
		a, err := stat(i, unit)
		if err != nil {
			return a, a, err
		}
		b, err := stat(j, unit)
		return a, b, err
	}
	return template.FuncMap{
		// Sentences.
		"text": func(i int, unit string) (string, error) {
			r, err := row(i)
			return text(must(r, unit)), err
		},
		"times": func(i, j int, unit string) (string, error) {
			a, b, err := stat2(i, j, unit)
			return ratio(a, b).String(), err
		},
		"change": func(i, j int, unit string) (string, error) {
			a, err := row(i)
			if err != nil {
				return "", err
			}
			b, err := row(j)
			return change(a, b, unit), err
		},
		"key": func(i int, k string) (string, error) {
			r, err := row(i)
			if err != nil {
				return "", err
			}
			return r.Keys[k], nil
		},
		"has":     func(i int) bool { return i >= 0 && i < len(rows) },
		"hasunit": func(i int, unit string) bool { _, err := stat(i, unit); return err == nil },
		"med": func(i int, unit string) (float64, error) {
			s, err := stat(i, unit)
			return s.Center, err
		},
		// Claim rules (verdict.go).
		"near": func(i int, unit string, claimed float64) (bool, error) {
			s, err := stat(i, unit)
			return err == nil && nearStat(s, claimed), err
		},
		"inband": func(i int, unit string, lo, hi float64) (bool, error) {
			s, err := stat(i, unit)
			return err == nil && inBand(s, lo, hi), err
		},
		"above": func(i, j int, unit string, x float64) (bool, error) {
			a, b, err := stat2(i, j, unit)
			return err == nil && aboveX(ratio(a, b), x), err
		},
		"nearratio": func(i, j int, unit string, claimed float64) (bool, error) {
			a, b, err := stat2(i, j, unit)
			return err == nil && nearRatio(ratio(a, b), claimed), err
		},
		// Plain numbers.
		"value":   Value,
		"add":     func(a, b float64) float64 { return a + b },
		"sub":     func(a, b float64) float64 { return a - b },
		"div":     div,
		"pct":     func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
		"between": func(x, lo, hi float64) bool { return x >= lo && x <= hi },
		"band":    bandText,
		"bandrange": func(lo, hi float64, unit string) string {
			return fmt.Sprintf("%s–%s", Value(lo/Band, unit), Value(hi*Band, unit))
		},
		"bandx": func() string { return fmt.Sprintf("%g×", Band) },
	}
}

func div(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("a zero median (nothing to divide by)")
	}
	return a / b, nil
}
