package gate

import (
	"fmt"
	"math"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchproc"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// parser holds the benchproc state shared by both sides, so that row keys
// from base and head are comparable.
type parser struct {
	opts     Options
	filter   *benchproc.Filter
	row      *benchproc.Projection
	pkgField *benchproc.Field
	ignore   *benchproc.Projection
	residue  *benchproc.Projection
	units    map[string]bool
}

func newParser(opts Options) (*parser, error) {
	p := &parser{opts: opts}
	var err error
	p.filter, err = benchproc.NewFilter(opts.Filter)
	if err != nil {
		return nil, &UsageError{fmt.Errorf("-filter %q: %w; see go doc golang.org/x/perf/benchproc/syntax", opts.Filter, err)}
	}
	var pp benchproc.ProjectionParser
	p.row, err = pp.Parse("pkg,"+opts.Row, p.filter)
	if err != nil {
		return nil, &UsageError{fmt.Errorf("-row %q: %w; see go doc golang.org/x/perf/benchproc/syntax", opts.Row, err)}
	}
	p.pkgField = p.row.Fields()[0]
	if opts.Ignore != "none" {
		p.ignore, err = pp.Parse(opts.Ignore, p.filter)
		if err != nil {
			return nil, &UsageError{fmt.Errorf("-ignore %q: %w", opts.Ignore, err)}
		}
	}
	// The pair keys change from pair to pair by design: keep them out of
	// the residue, whose variation is noted.
	if _, err := pp.Parse(pairKey+","+pairOrderKey, p.filter); err != nil {
		return nil, err
	}
	p.residue = pp.Residue()
	if len(opts.Units) > 0 {
		p.units = make(map[string]bool)
		for _, u := range opts.Units {
			p.units[u] = true
		}
	}
	return p, nil
}

// side is everything read from one input.
type side struct {
	name    string
	lines   int
	results int // benchmark lines read (before filtering)
	kept    int // benchmark lines with at least one kept value
	rows    map[benchproc.Key]*rowData
	order   []benchproc.Key
	config  map[string]configSeen // first value of each file config key
	units   benchfmt.UnitMetadataMap
	errs    InputErrors
	pairing pairing
	// interrupted is the first "interrupted:" config line, if any.
	interrupted *configSeen
}

type configSeen struct {
	value string
	at    pos
}

type rowData struct {
	key      benchproc.Key
	first    pos
	units    map[string]*unitData
	order    []string
	residues []benchproc.Key
	ignored  []benchproc.Key
	pairAt   map[int]pos // pair id → the result of that pair
}

type unitData struct {
	tidy   string // benchfmt's tidied unit (sec/op for ns/op)
	values []float64
	pairs  []int // pair id of each value; nil in a file without pair data
	first  pos
}

func (s *side) addErr(p pos, format string, args ...any) {
	if len(s.errs) < maxErrors {
		s.errs = append(s.errs, &InputError{File: p.file, Line: p.line, Msg: fmt.Sprintf(format, args...)})
	}
}

// read streams in through resultfile's reader, one line at a time,
// keeping only the per-row samples. resultfile refuses what is not a whole
// result file (cut lines, blocks without their closing line, bad UTF-8,
// over-long lines, no results); each refused line is an input error.
func (p *parser) read(in Input) *side {
	name := in.Name
	if name == "" {
		name = "<input>"
	}
	s := &side{name: name, rows: make(map[benchproc.Key]*rowData), config: make(map[string]configSeen)}
	if in.R == nil {
		s.addErr(pos{name, 0}, "no reader")
		return s
	}
	r := resultfile.NewReader(in.R, name)
	for r.Scan() && len(s.errs) < maxErrors {
		switch rec := r.Record().(type) {
		case *resultfile.Error:
			s.errs = append(s.errs, &InputError{File: rec.File, Line: rec.Line, Msg: rec.Err.Error()})
		case *resultfile.Interrupted:
			if s.interrupted == nil {
				s.interrupted = &configSeen{rec.Signal, pos{rec.File, rec.Line}}
			}
		case *benchfmt.UnitMetadata:
			if rec.Key == "better" && rec.Value != "higher" && rec.Value != "lower" {
				f, l := rec.Pos()
				s.addErr(pos{f, l}, "Unit %s better=%s: want better=higher or better=lower", rec.OrigUnit, rec.Value)
			}
		case *benchfmt.Result:
			s.results++
			p.add(s, rec)
		}
	}
	if err := r.Err(); err != nil {
		s.errs = append(s.errs, &InputError{File: name, Line: -1, Msg: err.Error()})
	}
	s.units = r.Units()
	return s
}

func (p *parser) add(s *side, res *benchfmt.Result) {
	f, l := res.Pos()
	at := pos{f, l}
	s.lines = l
	for _, c := range res.Config {
		if c.File {
			if _, ok := s.config[c.Key]; !ok {
				s.config[c.Key] = configSeen{string(c.Value), at}
			}
		}
	}
	// Validate before filtering so a bad value is never silently dropped
	// by -units.
	if !s.validValues(res, at) {
		return
	}
	if ok, _ := p.filter.Apply(res); !ok {
		return
	}
	pair, ok := s.pairOf(res, at)
	if !ok {
		return
	}
	key := p.row.Project(res)
	row := s.rows[key]
	kept := false
	for _, v := range res.Values {
		unit, val := origUnit(v)
		if p.units != nil && !p.units[unit] && !p.units[v.Unit] {
			continue
		}
		if row == nil {
			row = &rowData{key: key, first: at, units: make(map[string]*unitData), pairAt: make(map[int]pos)}
			s.rows[key] = row
			s.order = append(s.order, key)
		}
		u := row.units[unit]
		if u == nil {
			u = &unitData{first: at, tidy: v.Unit}
			row.units[unit] = u
			row.order = append(row.order, unit)
		}
		u.values = append(u.values, val)
		if pair > 0 {
			u.pairs = append(u.pairs, pair)
		}
		kept = true
	}
	if !kept {
		return
	}
	s.kept++
	if pair > 0 {
		s.addPair(p, row, pair, at)
	}
	row.residues = addKey(row.residues, p.residue.Project(res))
	if p.ignore != nil {
		row.ignored = addKey(row.ignored, p.ignore.Project(res))
	}
}

// validValues checks that res has finite values, each unit once.
func (s *side) validValues(res *benchfmt.Result, at pos) bool {
	seen := make(map[string]bool, len(res.Values))
	for _, v := range res.Values {
		unit, val := origUnit(v)
		if math.IsNaN(val) || math.IsInf(val, 0) {
			s.addErr(at, "%s: value %v is not a finite number; the benchmark reported a broken metric, fix or drop it", unit, val)
			return false
		}
		if seen[unit] {
			s.addErr(at, "unit %s reported twice on one line; a benchmark must ReportMetric each unit once", unit)
			return false
		}
		seen[unit] = true
	}
	return true
}

func addKey(keys []benchproc.Key, k benchproc.Key) []benchproc.Key {
	for _, have := range keys {
		if have == k {
			return keys
		}
	}
	return append(keys, k)
}

// origUnit returns a value in the unit the file wrote it in (benchfmt
// tidies ns/op to sec/op; reports keep the file's unit).
func origUnit(v benchfmt.Value) (string, float64) {
	if v.OrigUnit != "" {
		return v.OrigUnit, v.OrigValue
	}
	return v.Unit, v.Value
}

// better returns +1 when higher values of unit are better and -1 when lower
// are, from "Unit ... better=" metadata when present, otherwise by the
// benchrig rule: a unit ending in "/s" is higher-is-better, any other unit
// lower-is-better.
func better(meta benchfmt.UnitMetadataMap, unit string) int {
	if m := meta.Get(unit, "better"); m != nil {
		switch m.Value {
		case "higher":
			return 1
		case "lower":
			return -1
		}
	}
	if resultfile.Better(unit) == resultfile.Higher {
		return 1
	}
	return -1
}
