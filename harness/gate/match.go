package gate

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
)

// match pairs the rows and units of both sides, in base order. Each
// row×unit on both sides becomes a Row with both sides summarized; those
// with enough samples are returned for the test. A row or unit on one side
// only is listed in OnlyBase or OnlyHead.
func (rep *Report) match(l *loaded) []tested {
	bs, hs := l.bs, l.hs
	thr := benchmath.DefaultThresholds
	thr.CompareAlpha = l.opts.Alpha
	var ts []tested
	for _, key := range bs.order {
		br := bs.rows[key]
		hr, ok := hs.rows[key]
		pkg, name := l.p.rowName(key)
		if !ok {
			rep.OnlyBase = append(rep.OnlyBase, label(pkg, name, ""))
			continue
		}
		for _, unit := range br.order {
			hu, ok := hr.units[unit]
			if !ok {
				rep.OnlyBase = append(rep.OnlyBase, label(pkg, name, unit))
				continue
			}
			row := Row{key: key, Pkg: pkg, Name: name, Unit: unit, Better: "lower", Threshold: l.opts.Threshold.For(unit), Notes: []string{}}
			if better(bs.units, unit) > 0 {
				row.Better = "higher"
			}
			if t, ok := rep.sample(&row, br.units[unit].values, hu.values, l.opts.Confidence, &thr); ok {
				ts = append(ts, tested{len(rep.Rows), t.b, t.h})
			}
			row.Notes = append(row.Notes, mixNotes(bs.name, br, hs.name, hr)...)
			rep.Rows = append(rep.Rows, row)
		}
		for _, unit := range hr.order {
			if _, ok := br.units[unit]; !ok {
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

// sample summarizes both sides of row; it reports whether the row has
// enough samples a side to be tested, and otherwise marks it insufficient.
func (rep *Report) sample(row *Row, bv, hv []float64, confidence float64, thr *benchmath.Thresholds) (tested, bool) {
	t := tested{b: benchmath.NewSample(append([]float64(nil), bv...), thr), h: benchmath.NewSample(append([]float64(nil), hv...), thr)}
	row.Base = summarize(t.b, confidence)
	row.Head = summarize(t.h, confidence)
	row.Change = change(row.Base.Median, row.Head.Median)
	if row.Base.N < MinSamples || row.Head.N < MinSamples {
		row.Status = Insufficient
		row.Notes = append(row.Notes, fmt.Sprintf("n=%d+%d: need at least %d samples a side for a significance test; run with -count 10", row.Base.N, row.Head.N, MinSamples))
		rep.Few++
		return t, false
	}
	return t, true
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
