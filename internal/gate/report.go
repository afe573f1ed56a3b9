package gate

import "golang.org/x/perf/benchproc"

// SchemaVersion is the version of the JSON report schema documented in
// doc.go. It changes only when a field changes meaning or disappears.
const SchemaVersion = 2

// Status is the verdict on one row×unit.
type Status string

// Row statuses.
const (
	Regressed    Status = "regressed"        // worse by more than the threshold, significant
	Improved     Status = "improved"         // better by more than the threshold, significant
	WithinThresh Status = "within-threshold" // significant, but the change is within the threshold
	NoChange     Status = "no-change"        // not significant after Holm–Bonferroni
	Insufficient Status = "insufficient"     // fewer than MinSamples samples on a side
	Inconclusive Status = "inconclusive"     // Decide, last look: no regression found, but the MDE stayed above the target
	Reported     Status = "reported"         // shown, not tested: a rate that transforms time per op, or another unit outside the families
)

// Verdict is the verdict on a whole report.
type Verdict string

// Report verdicts.
const (
	Pass   Verdict = "pass"         // no regression
	Fail   Verdict = "fail"         // at least one regression
	TooFew Verdict = "insufficient" // a row has too few samples and Options.AllowFew is off
	Unsure Verdict = "inconclusive" // Decide with Plan.Strict: no regression, but a row is inconclusive
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
	Target     string       `json:"target,omitempty"` // Decide: the change worth catching; Threshold, the fail line, is FloorShare of it
	Power      float64      `json:"mde_power"`        // the probability of detection the rows' MDEs are for
	Confidence float64      `json:"confidence"`
	Paired     bool         `json:"paired"`           // both files carry pair data: paired tests
	Compared   int          `json:"compared"`         // Holm–Bonferroni size of the time family
	Counted    int          `json:"compared_counted"` // Holm–Bonferroni size of the counted family
	Config     []ConfigDiff `json:"config_diffs"`
	Rows       []Row        `json:"rows"`
	OnlyBase   []string     `json:"only_in_base"`
	OnlyHead   []string     `json:"only_in_head"`
	Warnings   []string     `json:"warnings"`
	Regressed  int          `json:"regressed"`
	Improved   int          `json:"improved"`
	Few        int          `json:"insufficient"`
	Unsure     int          `json:"inconclusive,omitempty"` // rows Decide left inconclusive
	Busy       int          `json:"busy"`                   // rows measured on a busy machine
	Verdict    Verdict      `json:"verdict"`
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
	Family    string   `json:"family"` // "time", "counted", or "" when only reported
	Test      string   `json:"test"`   // "yuen-t", "u-test", or "" when not tested
	P         *float64 `json:"p"`      // p-value of Test; null when not tested
	PAdj      *float64 `json:"p_holm"` // Holm–Bonferroni adjusted within Family; null when not tested
	Pairs     int      `json:"pairs"`  // pairs the paired test used; 0 unpaired
	PairCorr  *float64 `json:"pair_corr"`
	MDE       *float64 `json:"mde"` // minimum detectable effect at this n, a fraction; null if none
	Threshold float64  `json:"threshold"`
	Status    Status   `json:"status"`
	Busy      []string `json:"busy"` // why the row counts as measured on a busy machine
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

// ExitCode is the benchrig gate exit code for r: 0 pass, 1 regression, 2 too
// few samples (without AllowFew).
func (r *Report) ExitCode() int {
	switch r.Verdict {
	case Fail:
		return 1
	case TooFew, Unsure:
		return 2
	}
	return 0
}
