package history

import (
	"cmp"
	"context"
	"regexp"
	"slices"
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

type fileRow struct {
	machine, rev string
	time         int64
}

type seriesRow struct{ pkg, name, unit string }

// Series returns the series q selects, each with its points (all samples
// of a commit together, whichever files they came from) and its change
// points by o. It reads the small files and series tables first and then
// the samples in their stored order, so no sort of the samples is asked
// of the database.
func (s *Store) Series(ctx context.Context, q Query, o ChangeOptions) ([]*Series, error) {
	files, series, err := s.catalog(ctx, q)
	if err != nil {
		return nil, s.readErr(err)
	}
	type key struct {
		series  int64
		machine string
	}
	type sample struct {
		file int64
		seq  int
		v    float64
	}
	byKey := map[key][]sample{}
	rows, err := s.db.QueryContext(ctx, "SELECT file_id, series_id, seq, value FROM samples")
	if err != nil {
		return nil, s.readErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sm sample
		var sid int64
		if err := rows.Scan(&sm.file, &sid, &sm.seq, &sm.v); err != nil {
			return nil, s.readErr(err)
		}
		f, okf := files[sm.file]
		if _, oks := series[sid]; okf && oks {
			k := key{sid, f.machine}
			byKey[k] = append(byKey[k], sm)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.readErr(err)
	}
	var out []*Series
	for k, samples := range byKey {
		slices.SortFunc(samples, func(a, b sample) int {
			fa, fb := files[a.file], files[b.file]
			return cmp.Or(cmp.Compare(fa.time, fb.time), cmp.Compare(fa.rev, fb.rev), cmp.Compare(a.file, b.file), cmp.Compare(a.seq, b.seq))
		})
		sr := series[k.series]
		se := &Series{Pkg: sr.pkg, Name: sr.name, Unit: sr.unit, Machine: k.machine}
		for _, sm := range samples {
			f := files[sm.file]
			se.add(f.rev, time.Unix(f.time, 0).UTC(), sm.v)
		}
		se.finish(q.Last, o)
		out = append(out, se)
	}
	slices.SortFunc(out, func(a, b *Series) int {
		return cmp.Or(cmp.Compare(a.Pkg, b.Pkg), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Machine, b.Machine))
	})
	return out, nil
}

// catalog reads the files and the series q selects.
func (s *Store) catalog(ctx context.Context, q Query) (map[int64]fileRow, map[int64]seriesRow, error) {
	files := map[int64]fileRow{}
	rows, err := s.db.QueryContext(ctx, "SELECT id, machine, rev, rev_time FROM files")
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var f fileRow
		if err := rows.Scan(&id, &f.machine, &f.rev, &f.time); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if q.Machine == "" || q.Machine == f.machine {
			files[id] = f
		}
	}
	rows.Close()
	series := map[int64]seriesRow{}
	rows, err = s.db.QueryContext(ctx, "SELECT id, pkg, name, unit FROM series")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r seriesRow
		if err := rows.Scan(&id, &r.pkg, &r.name, &r.unit); err != nil {
			return nil, nil, err
		}
		if (q.Unit == "" || q.Unit == r.unit) && (q.Bench == nil || q.Bench.MatchString(r.pkg+" "+r.name)) {
			series[id] = r
		}
	}
	return files, series, rows.Err()
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
