package gate

import (
	"fmt"
	"sort"
	"strconv"

	"golang.org/x/perf/benchfmt"
)

// Config keys of an interleaved run (see the package doc).
const (
	pairKey      = "pair"
	pairOrderKey = "pair-order"
)

// pairing is what one side's pair lines said.
type pairing struct {
	with, without pos                // first result with and without a pair: line
	order         map[int]configSeen // pair id → its pair-order and where
}

// pairOf returns the pair id of res (0 in a file without pair data); ok is
// false when the pair lines are unusable (an error is recorded).
func (s *side) pairOf(res *benchfmt.Result, at pos) (id int, ok bool) {
	val := res.GetConfig(pairKey)
	if val == "" {
		if s.pairing.without.line == 0 {
			s.pairing.without = at
		}
		return 0, true
	}
	id, err := strconv.Atoi(val)
	if err != nil || id < 1 {
		s.addErr(at, "pair: %q is not a pair number (1, 2, ...); the line before this result's pair must read \"pair: <k>\"", val)
		return 0, false
	}
	order := res.GetConfig(pairOrderKey)
	if order != "ab" && order != "ba" {
		s.addErr(at, "pair %d: pair-order %q: want pair-order: ab or pair-order: ba next to pair: %d", id, order, id)
		return 0, false
	}
	if s.pairing.with.line == 0 {
		s.pairing.with = at
	}
	if s.pairing.order == nil {
		s.pairing.order = make(map[int]configSeen)
	}
	if o, ok := s.pairing.order[id]; ok && o.value != order {
		s.addErr(at, "pair %d: pair-order %s here but %s at %s; one pair has one order", id, order, o.value, o.at)
		return 0, false
	} else if !ok {
		s.pairing.order[id] = configSeen{order, at}
	}
	return id, true
}

// addPair records that row has a result of pair id at at.
func (s *side) addPair(p *parser, row *rowData, id int, at pos) {
	if first, dup := row.pairAt[id]; dup {
		pkg, name := p.rowName(row.key)
		s.addErr(at, "pair %d of %s appears again (first at %s); each pair holds one result per benchmark and side: were two runs appended into one file?", id, label(pkg, name, ""), first)
		return
	}
	row.pairAt[id] = at
}

// checkPairs refuses pair data that does not pair: a file that mixes
// paired and unpaired results, pair data on one side only, a pair id whose
// order differs between the sides, or a row's pair with one side only.
func checkPairs(p *parser, bs, hs *side) InputErrors {
	var errs InputErrors
	for _, s := range []*side{bs, hs} {
		if w, wo := s.pairing.with, s.pairing.without; w.line > 0 && wo.line > 0 {
			errs = append(errs, &InputError{File: wo.file, Line: wo.line, Msg: fmt.Sprintf("this result has no pair: line but the one at %s has; a file holds either one interleaved run (every result in a pair) or none", w)})
		}
	}
	bw, hw := bs.pairing.with.line > 0, hs.pairing.with.line > 0
	if bw != hw {
		paired, other := bs, hs
		if hw {
			paired, other = hs, bs
		}
		errs = append(errs, &InputError{File: paired.name, Line: paired.pairing.with.line, Msg: fmt.Sprintf("pair data here but none in %s; pass both files of one interleaved (ab) run, or two files without pair lines", other.name)})
	}
	if len(errs) > 0 || !bw {
		return errs
	}
	errs = append(errs, orderDiffers(bs, hs)...)
	for _, key := range bs.order {
		hr, ok := hs.rows[key]
		if !ok {
			continue
		}
		errs = append(errs, onlyOneSide(p, bs.rows[key], hr, hs.name)...)
		errs = append(errs, onlyOneSide(p, hr, bs.rows[key], bs.name)...)
		if len(errs) >= maxErrors {
			return errs[:maxErrors]
		}
	}
	return errs
}

// orderDiffers lists the pairs whose pair-order differs between the
// sides: the files are then not the two sides of one run.
func orderDiffers(bs, hs *side) InputErrors {
	var ids []int
	for id, b := range bs.pairing.order {
		if h, ok := hs.pairing.order[id]; ok && h.value != b.value {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	var errs InputErrors
	for _, id := range ids {
		b, h := bs.pairing.order[id], hs.pairing.order[id]
		errs = append(errs, &InputError{File: h.at.file, Line: h.at.line, Msg: fmt.Sprintf("pair %d: pair-order %s here but %s at %s; the two files are not the sides of one interleaved run: pass the base and head files ab wrote together", id, h.value, b.value, b.at)})
	}
	return errs
}

// onlyOneSide lists the pairs of row a that row b, read from file other,
// lacks.
func onlyOneSide(p *parser, a, b *rowData, other string) InputErrors {
	var ids []int
	for id := range a.pairAt {
		if _, ok := b.pairAt[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	var errs InputErrors
	pkg, name := p.rowName(a.key)
	for _, id := range ids {
		at := a.pairAt[id]
		errs = append(errs, &InputError{File: at.file, Line: at.line, Msg: fmt.Sprintf("pair %d of %s has no result in %s; a pair needs both sides: rerun the pair, or delete this result", id, label(pkg, name, ""), other)})
	}
	return errs
}
