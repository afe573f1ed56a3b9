package history

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"golang.org/x/perf/benchmath"
)

// Query selects series from the store; zero fields select everything.
type Query struct {
	Machine string         // one machine label
	Bench   *regexp.Regexp // matched against "pkg name" (e.g. "example.com/m/bench/mmap Mmap/size=64MiB")
	Unit    string         // one unit, as the files wrote it
	Last    int            // the last N commits of each series (by commit time)
}

// Point is one commit of a series.
type Point struct {
	Rev     string
	Time    time.Time
	Samples []float64
	Median  float64 // with its 95% confidence interval (benchmath, assuming nothing)
	Lo, Hi  float64
}

// Series is one row × unit on one machine, over commits, oldest first.
type Series struct {
	Pkg, Name, Unit, Machine string
	Points                   []Point
	Changes                  []Change // change points, Index into Points
}

// Series returns the series q selects, each with its points (all samples
// of a commit together, whichever files they came from) and its change
// points by o.
func (s *Store) Series(ctx context.Context, q Query, o ChangeOptions) ([]*Series, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT se.pkg, se.name, se.unit, f.machine, f.rev, f.rev_time, sa.value
		FROM samples sa JOIN files f ON f.id = sa.file_id JOIN series se ON se.id = sa.series_id
		ORDER BY se.pkg, se.name, se.unit, f.machine, f.rev_time, f.rev, f.id, sa.seq`)
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []*Series
	var cur *Series
	for rows.Next() {
		var pkg, name, unit, machine, rev string
		var revTime int64
		var v float64
		if err := rows.Scan(&pkg, &name, &unit, &machine, &rev, &revTime, &v); err != nil {
			return nil, fmt.Errorf("history store %s: %w", s.where, err)
		}
		if !q.selects(pkg, name, unit, machine) {
			continue
		}
		if cur == nil || cur.Pkg != pkg || cur.Name != name || cur.Unit != unit || cur.Machine != machine {
			cur = &Series{Pkg: pkg, Name: name, Unit: unit, Machine: machine}
			out = append(out, cur)
		}
		cur.add(rev, time.Unix(revTime, 0).UTC(), v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history store %s: %w", s.where, err)
	}
	for _, se := range out {
		se.finish(q.Last, o)
	}
	return out, nil
}

func (q Query) selects(pkg, name, unit, machine string) bool {
	return (q.Machine == "" || q.Machine == machine) && (q.Unit == "" || q.Unit == unit) &&
		(q.Bench == nil || q.Bench.MatchString(pkg+" "+name))
}

// add appends a sample to the series' last point, or to a new point when
// the revision changed.
func (se *Series) add(rev string, t time.Time, v float64) {
	if n := len(se.Points); n > 0 && se.Points[n-1].Rev == rev {
		se.Points[n-1].Samples = append(se.Points[n-1].Samples, v)
		return
	}
	se.Points = append(se.Points, Point{Rev: rev, Time: t, Samples: []float64{v}})
}

// finish keeps the last points, summarizes each and finds the change
// points.
func (se *Series) finish(last int, o ChangeOptions) {
	if last > 0 && len(se.Points) > last {
		se.Points = se.Points[len(se.Points)-last:]
	}
	commits := make([][]float64, len(se.Points))
	for i := range se.Points {
		p := &se.Points[i]
		sum := benchmath.AssumeNothing.Summary(benchmath.NewSample(p.Samples, &benchmath.DefaultThresholds), 0.95)
		p.Median, p.Lo, p.Hi = sum.Center, sum.Lo, sum.Hi
		commits[i] = p.Samples
	}
	se.Changes = ChangePoints(commits, o)
}
