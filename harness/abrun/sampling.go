package abrun

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// Sampling says how many pairs ab runs. With no Budget it runs Count pairs
// and gates once. With a Budget it then runs Step more pairs at a time of
// only the rows the Decider cannot yet decide (selected with a -test.bench
// regexp built from them, and only in their packages) until every row is
// decided or the next step would overrun the budget. Rows that fail are
// then confirmed: Count fresh pairs of just those rows go to separate
// <stem>.confirm.{a,b}.txt files, and the gate fails only on rows that
// regress in both the main and the confirming sample.
type Sampling struct {
	Count  int
	Budget time.Duration
	Step   int // 0: Count/2 rounded up to even, at least 2
}

func (s Sampling) step() int {
	if s.Step > 0 {
		return s.Step
	}
	n := max(2, (s.Count+1)/2)
	return n + n%2
}

func (s Sampling) run(ctx context.Context, p *pairer, dec Decider, stem string, log io.Writer) (*Decision, error) {
	files := sideFiles(stem)
	start := time.Now()
	if err := p.round(ctx, s.Count, p.flags.Bench, nil); err != nil {
		return nil, err
	}
	d, err := dec.Decide(files[0], files[1])
	if err != nil || s.Budget <= 0 {
		return d, err
	}
	perPair := time.Since(start) / time.Duration(s.Count)
	for len(d.Undecided) > 0 {
		step := s.step()
		if time.Since(start)+perPair*time.Duration(step) > s.Budget {
			fmt.Fprintf(log, "benchrun: budget %s spent with %s undecided\n", s.Budget, describe(d.Undecided))
			break
		}
		fmt.Fprintf(log, "benchrun: %d more pairs for %s\n", step, describe(d.Undecided))
		t := time.Now()
		if err := p.round(ctx, step, BenchRegexp(d.Undecided), Pkgs(d.Undecided)); err != nil {
			return nil, err
		}
		perPair = time.Since(t) / time.Duration(step)
		if d, err = dec.Decide(files[0], files[1]); err != nil {
			return nil, err
		}
	}
	if len(d.Failing) == 0 {
		return d, nil
	}
	return s.confirm(ctx, p, dec, d, stem+".confirm", log)
}

// confirm reruns d's failing rows in fresh pairs into separate files and
// keeps as failing only the rows that regress there too.
func (s Sampling) confirm(ctx context.Context, p *pairer, dec Decider, d *Decision, stem string, log io.Writer) (*Decision, error) {
	cf, closeAll, err := openSides(stem, p.a, p.b)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	fmt.Fprintf(log, "benchrun: confirming %s in %d fresh pairs into %s and %s\n", describe(d.Failing), s.Count, cf[0], cf[1])
	if err := p.round(ctx, s.Count, BenchRegexp(d.Failing), Pkgs(d.Failing)); err != nil {
		return nil, err
	}
	c, err := dec.Decide(cf[0], cf[1])
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
		if err := d.Write(w); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nConfirmation (%s vs %s):\n", cf[0], cf[1])
		if err := c.Write(w); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\nbenchrun: %s\n", out.Summary)
		return err
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
