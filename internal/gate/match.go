package gate

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
)

// match pairs the rows and units of both sides, in base order. Each
// row×unit on both sides becomes a Row with both sides summarized; those
// in a test family with enough samples are returned for the test. A row or
// unit on one side only is listed in OnlyBase or OnlyHead.
func (rep *Report) match(l *loaded) []tested {
	bs, hs := l.bs, l.hs
	var ts []tested
	for _, key := range bs.order {
		br := bs.rows[key]
		hr, ok := hs.rows[key]
		pkg, name := l.p.rowName(key)
		if !ok {
			rep.OnlyBase = append(rep.OnlyBase, label(pkg, name, ""))
			continue
		}
		busy := append(busyReasons(bs.name, br), busyReasons(hs.name, hr)...)
		for _, unit := range br.order {
			if isBusyUnit(unit) {
				continue
			}
			hu, ok := hr.units[unit]
			if !ok {
				rep.OnlyBase = append(rep.OnlyBase, label(pkg, name, unit))
				continue
			}
			bu := br.units[unit]
			row := Row{key: key, Pkg: pkg, Name: name, Unit: unit, Better: "lower", Threshold: l.opts.Threshold.For(unit),
				Family: family(unit, bu.tidy, len(l.opts.Units) > 0, hasTime(br)), Busy: append([]string{}, busy...), Notes: []string{}}
			if better(bs.units, unit) > 0 {
				row.Better = "higher"
			}
			if t, ok := rep.sample(&row, bu, hu, l.opts); ok {
				t.row = len(rep.Rows)
				ts = append(ts, t)
			}
			row.Notes = append(row.Notes, mixNotes(bs.name, br, hs.name, hr)...)
			if len(busy) > 0 {
				rep.Busy++
			}
			rep.Rows = append(rep.Rows, row)
		}
		for _, unit := range hr.order {
			if _, ok := br.units[unit]; !ok && !isBusyUnit(unit) {
				rep.OnlyHead = append(rep.OnlyHead, label(pkg, name, unit))
			}
		}
	}
	for _, key := range hs.order {
		if _, ok := bs.rows[key]; !ok {
			pkg, name := l.p.rowName(key)
			rep.OnlyHead = append(rep.OnlyHead, label(pkg, name, ""))
		}
	}
	return ts
}

// sample summarizes both sides of row and picks its test: Yuen's trimmed t
// test on per-pair ratios for a time-family row of paired files, the U
// test otherwise. It reports whether the row is tested; a row outside the
// families is Reported, one with too few samples Insufficient.
func (rep *Report) sample(row *Row, bu, hu *unitData, opts Options) (tested, bool) {
	thr := benchmath.DefaultThresholds
	thr.CompareAlpha = opts.Alpha
	t := tested{b: benchmath.NewSample(append([]float64(nil), bu.values...), &thr), h: benchmath.NewSample(append([]float64(nil), hu.values...), &thr)}
	row.Base = summarize(t.b, opts.Confidence)
	row.Head = summarize(t.h, opts.Confidence)
	row.Change = change(row.Base.Median, row.Head.Median)
	if row.Family == "" {
		row.Status = Reported
		return t, false
	}
	n1, n2 := row.Base.N, row.Head.N
	row.Test = "u-test"
	if rep.Paired && row.Family == TimeFamily {
		bv, hv := alignPairs(bu, hu)
		t.ds = relDiffs(bv, hv, row.Base.Median)
		row.Test, row.Pairs, row.PairCorr = "yuen-t", len(t.ds), correlation(logs(bv), logs(hv))
		n1, n2 = row.Pairs, row.Pairs
	}
	if n1 < MinSamples || n2 < MinSamples {
		row.Status, row.Test = Insufficient, ""
		what := "samples a side"
		if row.Pairs > 0 || rep.Paired && row.Family == TimeFamily {
			what = "pairs"
		}
		row.Notes = append(row.Notes, fmt.Sprintf("n=%d+%d: need at least %d %s for a significance test; run with -count 10", n1, n2, MinSamples, what))
		rep.Few++
		return t, false
	}
	return t, true
}

// alignPairs returns the values of the pairs both sides have, in base
// order.
func alignPairs(bu, hu *unitData) (bv, hv []float64) {
	head := make(map[int]float64, len(hu.pairs))
	for i, id := range hu.pairs {
		head[id] = hu.values[i]
	}
	for i, id := range bu.pairs {
		if h, ok := head[id]; ok {
			bv, hv = append(bv, bu.values[i]), append(hv, h)
		}
	}
	return bv, hv
}

// relDiffs are the per-pair relative changes: log(h/b) when every value is
// positive, else (h-b)/|bMedian| (or h-b when that is 0).
func relDiffs(bv, hv []float64, bMedian float64) []float64 {
	ds := make([]float64, len(bv))
	positive := true
	for i := range bv {
		positive = positive && bv[i] > 0 && hv[i] > 0
	}
	scale := math.Abs(bMedian)
	if scale == 0 {
		scale = 1
	}
	for i := range bv {
		if positive {
			ds[i] = math.Log(hv[i] / bv[i])
		} else {
			ds[i] = (hv[i] - bv[i]) / scale
		}
	}
	return ds
}

// logs is log of each value when all are positive, else the values.
func logs(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		if x <= 0 {
			return xs
		}
		out[i] = math.Log(x)
	}
	return out
}

// mixNotes notes each side whose results for a row differ in residue keys.
func mixNotes(bname string, br *rowData, hname string, hr *rowData) []string {
	var notes []string
	for _, s := range []struct {
		name string
		r    *rowData
	}{{bname, br}, {hname, hr}} {
		if fs := varying(s.r); fs != "" {
			notes = append(notes, fmt.Sprintf("%s mixes results that differ in %s (from %s:%d)", s.name, fs, s.r.first.file, s.r.first.line))
		}
	}
	return notes
}

func (p *parser) rowName(key benchproc.Key) (pkg, name string) {
	pkg = key.Get(p.pkgField)
	var parts []string
	for _, f := range p.row.Fields()[1:] {
		parts = append(parts, key.Get(f))
	}
	return pkg, strings.Join(parts, " ")
}

func label(pkg, name, unit string) string {
	s := name
	if pkg != "" {
		s = pkg + " " + name
	}
	if unit != "" {
		s += " (" + unit + ")"
	}
	return s
}

// varying names the residue fields a row's results differ in.
func varying(r *rowData) string {
	var names []string
	for _, f := range benchproc.NonSingularFields(r.residues) {
		names = append(names, f.Name)
	}
	for _, f := range benchproc.NonSingularFields(r.ignored) {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

func configDiffs(bs, hs *side) []ConfigDiff {
	keys := make([]string, 0, len(bs.config))
	for k := range bs.config {
		keys = append(keys, k)
	}
	for k := range hs.config {
		if _, ok := bs.config[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := []ConfigDiff{}
	for _, k := range keys {
		b, h := bs.config[k].value, hs.config[k].value
		if b != h {
			out = append(out, ConfigDiff{k, b, h})
		}
	}
	return out
}
