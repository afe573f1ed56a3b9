package main

import (
	"context"
	"io"
	"regexp"

	"github.com/benchrig/benchrig/internal/gate"
	"github.com/benchrig/benchrig/internal/history"
)

// seriesFlags are the flags show and check share: the store, the
// selection and the change-point parameters.
type seriesFlags struct {
	db, machine, bench, unit, minChange *string
	last, window                        *int
	alpha                               *float64
}

// addSeriesFlags adds them; show's -last trims each series, check's is
// its own (the commits a new regression must start within).
func addSeriesFlags(fs *flagSet, trim bool) seriesFlags {
	f := seriesFlags{
		db:        fs.String("db", "", "the store: an SQLite `path` or a postgres:// URL (default $BENCHRIG_HISTORY, else the user data dir)"),
		machine:   fs.String("machine", "", "only this `machine` label"),
		bench:     fs.String("bench", "", "only rows whose \"pkg name\" matches `regexp`"),
		unit:      fs.String("unit", "", "only this `unit`, e.g. ns/op"),
		window:    fs.Int("window", 50, "change points: sliding window, in `commits`"),
		alpha:     fs.Float64("alpha", 0.001, "change points: the largest `p`-value kept"),
		minChange: fs.String("min-change", "0%", "change points: the smallest relative change kept, `percent`"),
		last:      new(int),
	}
	if trim {
		f.last = fs.Int("last", 0, "only the last `N` commits of each series (0: all)")
	}
	return f
}

// series reads the selected series with their change points.
func (f seriesFlags) series(ctx context.Context, fs *flagSet) ([]*history.Series, error) {
	q := history.Query{Machine: *f.machine, Unit: *f.unit, Last: *f.last}
	if *f.bench != "" {
		re, err := regexp.Compile(*f.bench)
		if err != nil {
			return nil, usageErr(fs, "-bench: %v", err)
		}
		q.Bench = re
	}
	mc, err := gate.ParsePercent(*f.minChange)
	if err != nil || *f.window < 2 || *f.alpha <= 0 || *f.alpha >= 1 || *f.last < 0 {
		return nil, usageErr(fs, "want -window ≥ 2, -alpha in (0, 1), -last ≥ 0 and -min-change a percentage (%v)", err)
	}
	s, err := openHistory(ctx, *f.db, true)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Series(ctx, q, history.ChangeOptions{Window: *f.window, Alpha: *f.alpha, MinChange: mc})
}

func historyShow(ctx context.Context, fs *flagSet, stdout io.Writer, args []string) error {
	f := addSeriesFlags(fs, true)
	format := fs.String("format", "text", "output `format`: text, markdown or json (schema in go doc ./internal/history)")
	if pos, err := parseArgs(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErr(fs, "history show takes no arguments, got %q", pos)
	}
	write := map[string]func(io.Writer, []*history.Series) error{"text": history.WriteText, "markdown": history.WriteMarkdown, "json": history.WriteJSON}[*format]
	if write == nil {
		return usageErr(fs, "-format %q: want text, markdown or json", *format)
	}
	series, err := f.series(ctx, fs)
	if err != nil {
		return err
	}
	return write(stdout, series)
}

func historyCheck(ctx context.Context, fs *flagSet, stdout io.Writer, args []string) error {
	f := addSeriesFlags(fs, false)
	within := fs.Int("last", 5, "fail on a regression that starts within the last `N` commits")
	threshold := fs.String("threshold", "5%", "the smallest regression that fails, `percent`")
	if pos, err := parseArgs(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErr(fs, "history check takes no arguments, got %q", pos)
	}
	th, err := gate.ParsePercent(*threshold)
	if err != nil || *within < 1 {
		return usageErr(fs, "want -last ≥ 1 and -threshold a percentage (%v)", err)
	}
	series, err := f.series(ctx, fs)
	if err != nil {
		return err
	}
	found := history.Regressions(series, *within, th)
	history.WriteFindings(stdout, found, *within, th)
	if len(found) > 0 {
		return exitErr(1)
	}
	return nil
}
