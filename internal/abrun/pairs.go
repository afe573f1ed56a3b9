package abrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/internal/resultfile"
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
			if err := p.pair(ctx, k, order, bench, bins, first, second); err != nil {
				return err
			}
		}
	}
	prog.done()
	return nil
}

// pairAttempts is how often one package's pair is run before a failing
// benchmark fails the comparison: once more after a failure, so one
// sample in hundreds that fails its own check (mmap's cache=warm on a
// machine whose reclaim took a page mid-loop) does not end a run of
// minutes, while a benchmark that fails twice in a row does.
const pairAttempts = 2

// pair runs one package's pair k, first then second, each side's output
// held until both succeeded and then appended to its file, so a pair in
// the files always has both sides. When a side's benchmark fails (not a
// cancellation) the whole pair runs again, both sides in the same order,
// up to pairAttempts times; a "# benchrig:" note in both files and on
// stderr says so. The last attempt's output goes to the files whatever
// happened, so a failure's messages stay in them.
func (p *pairer) pair(ctx context.Context, k int, order, bench string, bins map[*Side]Binary, first, second *Side) error {
	for attempt := 1; ; attempt++ {
		bufs := map[*Side]*bytes.Buffer{}
		var err error
		for _, s := range []*Side{first, second} {
			bufs[s] = new(bytes.Buffer)
			fmt.Fprintf(bufs[s], "pair: %d\npair-order: %s\n", k, order)
			if err = runBinary(ctx, bins[s], p.flags.flags(bench), s.Env, bufs[s], p.stderr); err != nil {
				err = fmt.Errorf("%s (%s), pair %d: %w", s.Name, s.Rev, k, err)
				break
			}
		}
		if err == nil || ctx.Err() != nil || !errors.Is(err, ErrBenchmarkFailed) || attempt == pairAttempts {
			for _, s := range []*Side{first, second} {
				if b := bufs[s]; b != nil {
					if _, werr := s.Out.Write(b.Bytes()); werr != nil && err == nil {
						err = werr
					}
				}
			}
			return err
		}
		note := fmt.Sprintf("%s%s: %v; its output is dropped and the pair runs again (attempt %d of %d)", resultfile.NotePrefix, shortPkg(bins[first].Pkg), err, attempt+1, pairAttempts)
		fmt.Fprintln(p.stderr, strings.TrimPrefix(note, "# "))
		for _, s := range []*Side{first, second} {
			if bufs[s] == nil {
				continue // the first side failed: the second did not run
			}
			for l := range strings.Lines(bufs[s].String()) {
				if strings.HasPrefix(l, "--- FAIL") || strings.HasPrefix(l, "    ") {
					fmt.Fprint(p.stderr, l)
				}
			}
		}
		for _, s := range []*Side{first, second} {
			fmt.Fprintln(s.Out, note)
		}
	}
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
