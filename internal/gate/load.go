package gate

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// loaded is both inputs read with one parser, and the options with their
// defaults filled in.
type loaded struct {
	p      *parser
	bs, hs *side
	opts   Options
}

// load fills in the defaults, reads both inputs and refuses unusable ones;
// what names the operation in the machine-mismatch error.
func load(a, b Input, opts Options, what string) (*loaded, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, &UsageError{err}
	}
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	l := &loaded{p: p, bs: p.read(a), hs: p.read(b), opts: opts}
	if err := checkSides(p, l.bs, l.hs, opts, what); err != nil {
		return nil, err
	}
	return l, nil
}

// checkSides turns unusable inputs into errors.
func checkSides(p *parser, bs, hs *side, opts Options, what string) error {
	var errs InputErrors
	errs = append(errs, bs.errs...)
	errs = append(errs, hs.errs...)
	for _, s := range []*side{bs, hs} {
		if len(s.errs) > 0 {
			continue
		}
		switch {
		case s.results == 0:
			errs = append(errs, &InputError{File: s.name, Msg: "no benchmark results (empty file, or no Benchmark lines); pass the output of go test -run '^$' -bench ."})
		case s.kept == 0:
			errs = append(errs, &InputError{File: s.name, Msg: fmt.Sprintf("-filter %q -units %q keep none of %d results; loosen them", opts.Filter, strings.Join(opts.Units, ","), s.results)})
		}
	}
	for _, s := range []*side{bs, hs} {
		if in := s.interrupted; in != nil {
			errs = append(errs, &InputError{File: in.at.file, Line: in.at.line, Msg: fmt.Sprintf("interrupted: %s: this run was stopped before it finished, so its results are partial and failures in it may be the interruption's; rerun the benchmarks to completion", in.value)})
		}
	}
	if len(errs) == 0 {
		errs = append(errs, conflictingMeta(bs, hs)...)
	}
	if len(errs) == 0 {
		errs = append(errs, checkPairs(p, bs, hs)...)
	}
	if len(errs) == 0 && !opts.CrossMachine {
		errs = append(errs, otherMachine(bs, hs, what)...)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func otherMachine(bs, hs *side, what string) InputErrors {
	var errs InputErrors
	for _, k := range []string{"machine", "cpu"} {
		b, bok := bs.config[k]
		h, hok := hs.config[k]
		if bok && hok && b.value != h.value {
			errs = append(errs, &InputError{File: h.at.file, Line: h.at.line, Msg: fmt.Sprintf(
				"refusing to %s runs of different machines: %s %q here but %q at %s; hardware differences would show as regressions. Compare runs of one machine, or pass -cross-machine if that is intended",
				what, k, h.value, b.value, b.at)})
		}
	}
	return errs
}

func conflictingMeta(bs, hs *side) InputErrors {
	var errs InputErrors
	keys := make([]benchfmt.UnitMetadataKey, 0, len(bs.units))
	for k := range bs.units {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].Unit+" "+keys[i].Key < keys[j].Unit+" "+keys[j].Key
	})
	for _, k := range keys {
		b := bs.units[k]
		h, ok := hs.units[k]
		if !ok || h.Value == b.Value {
			continue
		}
		bf, bl := b.Pos()
		hf, hl := h.Pos()
		errs = append(errs, &InputError{File: hf, Line: hl, Msg: fmt.Sprintf("Unit %s %s=%s contradicts %s=%s at %s:%d; the files disagree on the unit's meaning", h.OrigUnit, k.Key, h.Value, k.Key, b.Value, bf, bl)})
	}
	return errs
}
