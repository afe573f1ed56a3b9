package main

import (
	"context"
	"strings"

	"github.com/benchrig/benchrig/internal/history"
	"github.com/benchrig/benchrig/internal/report"
)

// readTrends reads the series of the bench/<family> packages from the
// history store db (what history show -db accepts), the last commits of
// each, on machine (every machine when ""), as the report's plain trend
// data with their change points by the default options.
func readTrends(ctx context.Context, db, machine string, last int) ([]report.Trend, error) {
	s, err := openHistory(ctx, db, true)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	series, err := s.Series(ctx, history.Query{Machine: machine, Last: last}, history.ChangeOptions{})
	if err != nil {
		return nil, err
	}
	var out []report.Trend
	for _, se := range series {
		fam := benchFamily(se.Pkg)
		if fam == "" || len(se.Points) == 0 {
			continue
		}
		t := report.Trend{Family: fam, Row: se.Name, Unit: se.Unit, Machine: se.Machine}
		for _, p := range se.Points {
			t.Points = append(t.Points, report.TrendPoint{Rev: p.Rev, Time: p.Time, Median: p.Median, Lo: p.Lo, Hi: p.Hi})
		}
		for _, c := range se.Reports() {
			t.Changes = append(t.Changes, report.TrendChange{Index: c.Index, Pct: c.ChangePct})
		}
		out = append(out, t)
	}
	return out, nil
}

// benchFamily is the family of a package path ending in /bench/<family>,
// or "".
func benchFamily(pkg string) string {
	i := strings.LastIndex(pkg, "/bench/")
	if i < 0 || strings.Contains(pkg[i+len("/bench/"):], "/") {
		return ""
	}
	return pkg[i+len("/bench/"):]
}
