package abrun

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// Sampling says how many pairs ab runs and when it looks at them. With
// no Budget it runs Count pairs and gates once (look 1 of 1). With a
// Budget it plans looks (see plan): look 1 after Count pairs of every
// row, then Step more pairs at a time of only the rows still undecided
// (selected with a -test.bench regexp built from them, and only in their
// packages), a look after each step, until every row is decided, the last
// planned look is taken, or the next step would overrun the budget. Rows
// that fail are then confirmed: as many fresh pairs of just those rows as
// the last look had (at least Count) go to
// separate <stem>.confirm.{a,b}.txt files, judged alone at look 1 of 1,
// and the gate fails only on rows that fail in both samples.
type Sampling struct {
	Count  int
	Budget time.Duration
	Step   int // pairs between looks; 0: Count rounded up to even

	since func(time.Time) time.Duration // nil: time.Since; tests script it
}

func (s Sampling) elapsed(t time.Time) time.Duration {
	if s.since != nil {
		return s.since(t)
	}
	return time.Since(t)
}

// step is Step, by default Count rounded up to even (so both orders of a
// pair occur equally often): look j is then at about j·Count pairs, the
// equally spaced information the spending function assumes.
func (s Sampling) step() int {
	if s.Step > 0 {
		return s.Step
	}
	return s.Count + s.Count%2
}

func (s Sampling) run(ctx context.Context, p *pairer, dec Decider, stem string, log io.Writer) (*Decision, error) {
	files := sideFiles(stem)
	start := time.Now()
	if err := p.round(ctx, s.Count, p.flags.Bench, nil); err != nil {
		return nil, err
	}
	first := s.elapsed(start)
	perPair := first / time.Duration(s.Count)
	sc := s.plan(first)
	if s.Budget > 0 {
		fmt.Fprintf(log, "benchrig: budget %s at %s a pair: %s\n", s.Budget, perPair.Round(time.Millisecond), sc)
	}
	t := newTracker(sc, log)
	for j := 1; ; j++ {
		d, err := dec.Decide(files[0], files[1], j, sc.looks)
		if err != nil {
			return nil, err
		}
		open := t.update(d, j)
		if len(open) == 0 || j == sc.looks {
			break
		}
		if s.elapsed(start)+perPair*time.Duration(sc.step) > s.Budget {
			fmt.Fprintf(log, "benchrig: budget %s spent after look %d of %d planned (%d pairs instead of %d) with %s undecided\n",
				s.Budget, j, sc.looks, sc.pairs(j), sc.pairs(sc.looks), describe(open))
			break
		}
		fmt.Fprintf(log, "benchrig: %d more pairs for %s\n", sc.step, describe(open))
		r := time.Now()
		if err := p.round(ctx, sc.step, BenchRegexp(open), Pkgs(open)); err != nil {
			return nil, err
		}
		perPair = s.elapsed(r) / time.Duration(sc.step)
	}
	d := t.result()
	if s.Budget <= 0 || len(d.Failing) == 0 {
		return d, nil
	}
	return s.confirm(ctx, p, dec, d, max(s.Count, sc.pairs(t.look)), stem+".confirm", log)
}

// confirm reruns d's failing rows in n fresh pairs (as many as the
// failing look had, so the replication is as powerful as the sample it
// checks) into separate files and keeps as failing only the rows that
// regress there too.
func (s Sampling) confirm(ctx context.Context, p *pairer, dec Decider, d *Decision, n int, stem string, log io.Writer) (*Decision, error) {
	cf, closeAll, err := openSides(stem, p.a, p.b)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	fmt.Fprintf(log, "benchrig: confirming %s in %d fresh pairs into %s and %s\n", describe(d.Failing), n, cf[0], cf[1])
	if err := p.round(ctx, n, BenchRegexp(d.Failing), Pkgs(d.Failing)); err != nil {
		return nil, err
	}
	c, err := dec.Decide(cf[0], cf[1], 1, 1)
	if err != nil {
		return nil, err
	}
	var confirmed []RowID
	for _, r := range d.Failing {
		if slices.Contains(c.Failing, r) {
			confirmed = append(confirmed, r)
		}
	}
	out := *d
	out.Failing = confirmed
	switch {
	case len(confirmed) > 0:
		out.Code = 1
		out.Summary = fmt.Sprintf("fail: %s regressed and the regression was confirmed in fresh processes", describe(confirmed))
	default:
		out.Code = 0
		out.Summary = fmt.Sprintf("pass: %s regressed in the first sample but not when confirmed in fresh processes", describe(d.Failing))
	}
	out.Write = func(w io.Writer) error {
		return d.writeWith(w, log, func(w io.Writer) error {
			fmt.Fprintf(w, "\nConfirmation (%s vs %s):\n", cf[0], cf[1])
			if c.Document {
				fmt.Fprintf(w, "%s\n", c.Summary)
			} else if err := c.Write(w); err != nil {
				return err
			}
			_, err := fmt.Fprintf(w, "\nbenchrig: %s\n", out.Summary)
			return err
		})
	}
	return &out, nil
}

// sideFiles returns the results files of stem: <stem>.a.txt, <stem>.b.txt.
func sideFiles(stem string) [2]string { return [2]string{stem + ".a.txt", stem + ".b.txt"} }

// openSides creates the results files of stem and points a and b at them.
func openSides(stem string, a, b *Side) ([2]string, func(), error) {
	files := sideFiles(stem)
	var open []*os.File
	closeAll := func() {
		for _, f := range open {
			f.Close()
		}
	}
	for i, side := range []*Side{a, b} {
		f, err := os.Create(files[i])
		if err != nil {
			closeAll()
			return files, nil, err
		}
		open = append(open, f)
		side.Out = f
	}
	return files, closeAll, nil
}
