package abrun

import (
	"context"
	"fmt"
	"io"
	"slices"
)

// Side is one half of a comparison: its test binaries, the environment
// they run with and the results file they write to.
type Side struct {
	Name string   // A or B, for messages
	Rev  string   // what it is, for messages: a revision or a setting
	Bins []Binary // matched with the other side's by import path
	Env  []string // added to the environment
	Out  io.Writer
}

// pairer runs A/B pairs. Pair k (from 1) runs, per package, one side and
// then the other, each in a fresh process with -test.count=1: A first when k
// is odd (pair-order: ab), B first when k is even (pair-order: ba), so
// neither side always runs first. Before each side's output it writes the
// config lines "pair: <k>" and "pair-order: ab|ba", which the gate reads to
// pair the samples.
type pairer struct {
	a, b   *Side
	flags  BenchFlags
	quiet  *Quiet
	stderr io.Writer
	last   int // the last pair id written
}

// round runs n more pairs of the packages in pkgs (nil: all) with the
// -test.bench regexp bench.
func (p *pairer) round(ctx context.Context, n int, bench string, pkgs []string) error {
	prog := newProgress(p.stderr, "pair", n)
	for i := 1; i <= n; i++ {
		p.last++
		k := p.last
		prog.step(i)
		if err := p.quiet.wait(ctx, k, p.a.Out, p.b.Out, p.stderr); err != nil {
			return err
		}
		first, second, order := p.a, p.b, "ab"
		if k%2 == 0 {
			first, second, order = p.b, p.a, "ba"
		}
		for _, ba := range p.a.Bins {
			if pkgs != nil && !slices.Contains(pkgs, ba.Pkg) {
				continue
			}
			bb, ok := p.b.find(ba.Pkg)
			if !ok {
				continue
			}
			bins := map[*Side]Binary{p.a: ba, p.b: bb}
			for _, s := range []*Side{first, second} {
				fmt.Fprintf(s.Out, "pair: %d\npair-order: %s\n", k, order)
				if err := runBinary(ctx, bins[s], p.flags.flags(bench), s.Env, s.Out, p.stderr); err != nil {
					return fmt.Errorf("%s (%s), pair %d: %w", s.Name, s.Rev, k, err)
				}
			}
		}
	}
	prog.done()
	return nil
}

func (s *Side) find(pkg string) (Binary, bool) {
	for _, b := range s.Bins {
		if b.Pkg == pkg {
			return b, true
		}
	}
	return Binary{}, false
}

// common returns the import paths both sides have, and the ones only one
// side has.
func common(a, b *Side) (both, only []string) {
	for _, x := range a.Bins {
		if _, ok := b.find(x.Pkg); ok {
			both = append(both, x.Pkg)
		} else {
			only = append(only, x.Pkg+" (only in "+a.Name+")")
		}
	}
	for _, x := range b.Bins {
		if _, ok := a.find(x.Pkg); !ok {
			only = append(only, x.Pkg+" (only in "+b.Name+")")
		}
	}
	return both, only
}
