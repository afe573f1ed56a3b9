package gate

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
)

// SchemaVersion is the version of the JSON report schema documented in
// doc.go. It changes only when a field changes meaning or disappears.
const SchemaVersion = 1

// Status is the verdict on one row×unit.
type Status string

// Row statuses.
const (
	Regressed    Status = "regressed"        // worse by more than the threshold, significant
	Improved     Status = "improved"         // better by more than the threshold, significant
	WithinThresh Status = "within-threshold" // significant, but the change is within the threshold
	NoChange     Status = "no-change"        // not significant after Holm–Bonferroni
	Insufficient Status = "insufficient"     // fewer than MinSamples samples on a side
)

// Report is the result of Compare. Its JSON form is the stable schema
// described in doc.go.
type Report struct {
	Version    int          `json:"version"`
	Kind       string       `json:"kind"` // "compare"
	Base       FileInfo     `json:"base"`
	Head       FileInfo     `json:"head"`
	Alpha      float64      `json:"alpha"`
	Threshold  string       `json:"threshold"`
	Confidence float64      `json:"confidence"`
	Compared   int          `json:"compared"` // Holm–Bonferroni family size
	Config     []ConfigDiff `json:"config_diffs"`
	Rows       []Row        `json:"rows"`
	OnlyBase   []string     `json:"only_in_base"`
	OnlyHead   []string     `json:"only_in_head"`
	Warnings   []string     `json:"warnings"`
	Regressed  int          `json:"regressed"`
	Improved   int          `json:"improved"`
	Few        int          `json:"insufficient"`
	Verdict    string       `json:"verdict"` // "pass", "fail" or "insufficient"

	allowFew bool
}

// FileInfo describes one input.
type FileInfo struct {
	Name    string `json:"name"`
	Results int    `json:"results"` // benchmark lines read
	Kept    int    `json:"kept"`    // benchmark lines left after -filter and -units
	Rows    int    `json:"rows"`
}

// ConfigDiff is a file config key whose (first) value differs between
// the inputs.
type ConfigDiff struct {
	Key  string `json:"key"`
	Base string `json:"base"`
	Head string `json:"head"`
}

// Row is one benchmark row and unit.
type Row struct {
	Pkg       string   `json:"pkg"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Better    string   `json:"better"` // "higher" or "lower"
	Base      Stats    `json:"base"`
	Head      Stats    `json:"head"`
	Change    *float64 `json:"change"` // (head-base)/|base| of medians; null if base is 0 and head is not
	P         *float64 `json:"p"`      // Mann-Whitney U p-value; null when not tested
	PAdj      *float64 `json:"p_holm"` // Holm–Bonferroni adjusted p-value; null when not tested
	Threshold float64  `json:"threshold"`
	Status    Status   `json:"status"`
	Notes     []string `json:"notes"`

	key benchproc.Key
}

// Stats summarizes one side of a row.
type Stats struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	Lo     float64 `json:"ci_lo"` // ±Inf are written as the median
	Hi     float64 `json:"ci_hi"`
	CIPct  float64 `json:"ci_pct"` // half-width of the CI relative to the median, a fraction
	CV     float64 `json:"cv"`     // sample standard deviation / mean
}

// ExitCode is the benchgate exit code for r: 0 pass, 1 regression, 2 too
// few samples (without AllowFew).
func (r *Report) ExitCode() int {
	switch r.Verdict {
	case "fail":
		return 1
	case "insufficient":
		return 2
	}
	return 0
}

// CompareFiles is Compare over two named files.
func CompareFiles(basePath, headPath string, opts Options) (*Report, error) {
	b, err := openFile(basePath)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	h, err := openFile(headPath)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return Compare(Input{basePath, b}, Input{headPath, h}, opts)
}

// Compare reads base and head (streamed, one line at a time), matches rows
// and applies the regression rule described in the package doc. The error
// is an InputErrors or *InputError when an input is unusable and a
// *UsageError when opts is; the report is then nil.
func Compare(base, head Input, opts Options) (*Report, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, &UsageError{err}
	}
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	bs, hs := p.read(base), p.read(head)
	if err := checkSides(bs, hs, opts, false); err != nil {
		return nil, err
	}
	return compare(p, bs, hs, opts)
}

// checkSides turns unusable inputs into errors.
func checkSides(bs, hs *side, opts Options, calibrate bool) error {
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
	if len(errs) == 0 {
		errs = append(errs, conflictingMeta(bs, hs)...)
	}
	if len(errs) == 0 && !opts.CrossMachine {
		for _, k := range []string{"machine", "cpu"} {
			b, bok := bs.config[k]
			h, hok := hs.config[k]
			if bok && hok && b.value != h.value {
				what := "refusing to compare runs of different machines"
				if calibrate {
					what = "refusing to calibrate on runs of different machines"
				}
				errs = append(errs, &InputError{File: h.at.file, Line: h.at.line, Msg: fmt.Sprintf(
					"%s: %s %q here but %q at %s; hardware differences would show as regressions. Compare runs of one machine, or pass -cross-machine if that is intended",
					what, k, h.value, b.value, b.at)})
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
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

// pair is one row×unit present on both sides.
type pair struct {
	row  int // index into Report.Rows
	b, h *benchmath.Sample
}

func compare(p *parser, bs, hs *side, opts Options) (*Report, error) {
	rep := &Report{
		Version:    SchemaVersion,
		Kind:       "compare",
		Base:       FileInfo{Name: bs.name, Results: bs.results, Kept: bs.kept, Rows: len(bs.rows)},
		Head:       FileInfo{Name: hs.name, Results: hs.results, Kept: hs.kept, Rows: len(hs.rows)},
		Alpha:      opts.Alpha,
		Threshold:  opts.Threshold.String(),
		Confidence: opts.Confidence,
		Config:     []ConfigDiff{},
		Rows:       []Row{},
		OnlyBase:   []string{},
		OnlyHead:   []string{},
		Warnings:   []string{},
		allowFew:   opts.AllowFew,
	}
	rep.Config = configDiffs(bs, hs)

	thr := benchmath.DefaultThresholds
	thr.CompareAlpha = opts.Alpha
	var tested []pair
	for _, key := range bs.order {
		br := bs.rows[key]
		hr, ok := hs.rows[key]
		pkg, name := p.rowName(key)
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
			bu := br.units[unit]
			dir := better(bs.units, unit)
			row := Row{key: key, Pkg: pkg, Name: name, Unit: unit, Better: "lower", Threshold: opts.Threshold.For(unit), Notes: []string{}}
			if dir > 0 {
				row.Better = "higher"
			}
			bsmp := benchmath.NewSample(append([]float64(nil), bu.values...), &thr)
			hsmp := benchmath.NewSample(append([]float64(nil), hu.values...), &thr)
			row.Base = summarize(bsmp, opts.Confidence)
			row.Head = summarize(hsmp, opts.Confidence)
			row.Change = change(row.Base.Median, row.Head.Median)
			if row.Base.N < MinSamples || row.Head.N < MinSamples {
				row.Status = Insufficient
				row.Notes = append(row.Notes, fmt.Sprintf("n=%d+%d: need at least %d samples a side for a significance test; run with -count 10", row.Base.N, row.Head.N, MinSamples))
				rep.Few++
			} else {
				tested = append(tested, pair{len(rep.Rows), bsmp, hsmp})
			}
			for _, s := range []struct {
				name string
				r    *rowData
			}{{bs.name, br}, {hs.name, hr}} {
				if fs := varying(s.r); fs != "" {
					row.Notes = append(row.Notes, fmt.Sprintf("%s mixes results that differ in %s (from %s:%d)", s.name, fs, s.r.first.file, s.r.first.line))
				}
			}
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
			pkg, name := p.rowName(key)
			rep.OnlyHead = append(rep.OnlyHead, label(pkg, name, ""))
		}
	}
	if len(rep.Rows) == 0 {
		return nil, &InputError{File: hs.name, Msg: fmt.Sprintf("no benchmark row is in both %s and %s (%d and %d rows); compare runs of the same suite", bs.name, hs.name, len(bs.rows), len(hs.rows))}
	}

	// Mann-Whitney U on every tested pair, then Holm–Bonferroni.
	ps := make([]float64, len(tested))
	for i, t := range tested {
		c := benchmath.AssumeNothing.Compare(t.b, t.h)
		ps[i] = c.P
		for _, w := range c.Warnings {
			if strings.Contains(w.Error(), "all samples are equal") {
				rep.Rows[t.row].Notes = append(rep.Rows[t.row].Notes, "all samples on both sides are equal: no change")
				continue
			}
			rep.Rows[t.row].Notes = append(rep.Rows[t.row].Notes, w.Error())
		}
	}
	adj := Holm(ps)
	rep.Compared = len(tested)
	for i, t := range tested {
		row := &rep.Rows[t.row]
		row.P, row.PAdj = ptr(ps[i]), ptr(adj[i])
		row.Status = judge(row, adj[i] < opts.Alpha)
		switch row.Status {
		case Regressed:
			rep.Regressed++
		case Improved:
			rep.Improved++
		}
	}
	if len(tested) > 0 {
		n := math.MaxInt
		for _, t := range tested {
			n = min(n, len(t.b.Values), len(t.h.Values))
		}
		if mp := MinP(n, n); mp >= opts.Alpha/float64(len(tested)) {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf(
				"with %d comparisons and n=%d a side, a lone change cannot reach significance (smallest possible p %.2g ≥ alpha/%d = %.2g); run more iterations (-count) or compare fewer rows (-filter, -units)",
				len(tested), n, mp, len(tested), opts.Alpha/float64(len(tested))))
		}
	}
	switch {
	case rep.Few > 0 && !opts.AllowFew:
		rep.Verdict = "insufficient"
	case rep.Regressed > 0:
		rep.Verdict = "fail"
	default:
		rep.Verdict = "pass"
	}
	return rep, nil
}

func judge(row *Row, significant bool) Status {
	if !significant {
		return NoChange
	}
	b, h := row.Base.Median, row.Head.Median
	worse := (h < b) == (row.Better == "higher") && h != b
	exceeds := true
	if row.Change != nil {
		exceeds = math.Abs(*row.Change) > row.Threshold
	}
	switch {
	case h == b || !exceeds:
		return WithinThresh
	case worse:
		return Regressed
	default:
		return Improved
	}
}

func change(b, h float64) *float64 {
	switch {
	case b == h:
		return ptr(0)
	case b == 0:
		return nil
	}
	return ptr((h - b) / math.Abs(b))
}

func ptr(f float64) *float64 { return &f }

func summarize(s *benchmath.Sample, confidence float64) Stats {
	sum := benchmath.AssumeNothing.Summary(s, confidence)
	st := Stats{N: len(s.Values), Median: sum.Center, Lo: sum.Lo, Hi: sum.Hi}
	if math.IsInf(st.Lo, 0) || math.IsNaN(st.Lo) {
		st.Lo = st.Median
		st.CIPct = math.Inf(1)
	}
	if math.IsInf(st.Hi, 0) || math.IsNaN(st.Hi) {
		st.Hi = st.Median
		st.CIPct = math.Inf(1)
	}
	if st.CIPct == 0 && st.Median != 0 {
		st.CIPct = math.Max(st.Hi-st.Median, st.Median-st.Lo) / math.Abs(st.Median)
	}
	if math.IsInf(st.CIPct, 0) {
		st.CIPct = -1 // JSON has no infinity: -1 means "no interval at this n"
	}
	st.CV = cv(s.Values)
	return st
}

func cv(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	if mean == 0 {
		return 0
	}
	return math.Sqrt(ss/float64(len(xs)-1)) / math.Abs(mean)
}

// Holm returns Holm–Bonferroni adjusted p-values for ps, in the same
// order: p_adj(i) = max over j ≤ i of min(1, (m-j+1)·p(j)) with p sorted
// ascending. A hypothesis is rejected at family-wise level α when its
// adjusted p is below α.
func Holm(ps []float64) []float64 {
	m := len(ps)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]] < ps[idx[b]] })
	adj := make([]float64, m)
	run := 0.0
	for rank, i := range idx {
		v := math.Min(1, float64(m-rank)*ps[i])
		run = math.Max(run, v)
		adj[i] = run
	}
	return adj
}

// MinP is the smallest two-sided Mann-Whitney U p-value possible with
// samples of n1 and n2 values (no ties): 2/C(n1+n2, n1).
func MinP(n1, n2 int) float64 {
	if n1 <= 0 || n2 <= 0 {
		return 1
	}
	lc, _ := math.Lgamma(float64(n1 + n2 + 1))
	l1, _ := math.Lgamma(float64(n1 + 1))
	l2, _ := math.Lgamma(float64(n2 + 1))
	return math.Min(1, 2*math.Exp(-(lc-l1-l2)))
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
