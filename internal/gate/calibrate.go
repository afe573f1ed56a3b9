package gate

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
)

// Calibration is the result of Calibrate: the noise of every row in two
// runs of the same code, and a suggested -threshold.
type Calibration struct {
	Version int      `json:"version"`
	Kind    string   `json:"kind"` // "calibration"
	A1      FileInfo `json:"a1"`
	A2      FileInfo `json:"a2"`
	Alpha   float64  `json:"alpha"`
	// Power is the probability of detection the minimum detectable
	// effect is computed for.
	Power float64 `json:"power"`
	// Compared is the number of row×units tested (m); the MDE uses
	// alpha/m.
	Compared int            `json:"compared"`
	Rows     []CalibrateRow `json:"rows"`
	// Suggested is a -threshold value: per unit, the 95th percentile of
	// row noise rounded up to a whole percent (at least 1%); the default
	// is the percentile over all rows.
	Suggested string `json:"suggested_threshold"`
	// Gate is the verdict the gate gives on this A/A pair with the
	// options used (it should be "pass").
	Gate     Verdict  `json:"gate_verdict"`
	Warnings []string `json:"warnings"`
}

// CalibrateRow is the noise of one row×unit.
type CalibrateRow struct {
	Pkg   string  `json:"pkg"`
	Name  string  `json:"name"`
	Unit  string  `json:"unit"`
	N1    int     `json:"n1"`
	N2    int     `json:"n2"`
	CV    float64 `json:"cv"`     // larger of the two sides' coefficient of variation
	CIPct float64 `json:"ci_pct"` // larger CI half-width of the median, a fraction; -1 when n is too small
	AAPct float64 `json:"aa_change"`
	Sigma float64 `json:"robust_sigma"` // pooled MAD×1.4826/median, a fraction
	Noise float64 `json:"noise"`        // max(|aa_change|, ci_pct)
	// MDE is the smallest relative shift the Mann-Whitney test detects
	// with probability Power at alpha/compared (Holm's first step) at
	// these n and this spread; null when n is too small for any shift.
	MDE *float64 `json:"mde"`
	// Busy says why the row counts as measured on a busy machine.
	Busy []string `json:"busy"`
}

// Calibrate compares two runs of the same code. It reports each row's
// noise (CV and CI half-width), the A/A change, and the minimum detectable
// effect (MDE) at this n:
//
//	MDE = (z(1-α'/2) + z(power)) · σ · sqrt(1/n1 + 1/n2) · sqrt(π/3)
//
// where σ is the pooled robust relative spread (MAD×1.4826/median),
// α' = alpha/m for m rows compared (Holm's strictest step) and sqrt(π/3)
// is the Mann-Whitney test's efficiency loss against the t-test on normal
// data (3/π). When no outcome at n1, n2 can reach α' (MinP ≥ α'), the MDE
// is null. The suggested threshold is the 95th percentile of row noise,
// rounded up to a whole percent, at least 1%.
func Calibrate(a1, a2 Input, opts Options) (*Calibration, error) {
	l, err := load(a1, a2, opts, "calibrate on")
	if err != nil {
		return nil, err
	}
	l.opts.AllowFew = true
	rep, err := compare(l)
	if err != nil {
		return nil, err
	}
	const power = MDEPower
	c := &Calibration{
		Version: SchemaVersion, Kind: "calibration",
		A1: rep.Base, A2: rep.Head, Alpha: l.opts.Alpha, Power: power, Compared: rep.Compared,
		Rows: []CalibrateRow{}, Gate: rep.Verdict, Warnings: rep.Warnings,
	}
	alpha1 := l.opts.Alpha / float64(max(rep.Compared, 1))
	for _, row := range rep.Rows {
		v1 := l.bs.rows[row.key].units[row.Unit].values
		v2 := l.hs.rows[row.key].units[row.Unit].values
		c.Rows = append(c.Rows, calibrateRow(row, v1, v2, alpha1, power))
	}
	c.Suggested = suggestThresholds(c.Rows).String()
	if !anyCI(c.Rows) {
		c.Warnings = append(c.Warnings, "no row has enough samples for a confidence interval; rerun with -count 10")
	}
	return c, nil
}

// calibrateRow is the noise of one compared row with samples v1 and v2.
func calibrateRow(row Row, v1, v2 []float64, alpha1, power float64) CalibrateRow {
	cr := CalibrateRow{Pkg: row.Pkg, Name: row.Name, Unit: row.Unit, N1: row.Base.N, N2: row.Head.N,
		CV: math.Max(row.Base.CV, row.Head.CV), Busy: row.Busy}
	cr.CIPct = math.Max(row.Base.CIPct, row.Head.CIPct)
	if row.Base.CIPct < 0 || row.Head.CIPct < 0 {
		cr.CIPct = -1
	}
	if row.Change != nil {
		cr.AAPct = *row.Change
	}
	cr.Sigma = math.Sqrt((sq(robustSigma(v1)) + sq(robustSigma(v2))) / 2)
	cr.Noise = math.Max(math.Abs(cr.AAPct), cr.CIPct)
	switch {
	case row.MDE != nil:
		cr.MDE = row.MDE
	case MinP(cr.N1, cr.N2) < alpha1:
		cr.MDE = ptr(mdeU(cr.Sigma, cr.N1, cr.N2, alpha1, power))
	}
	return cr
}

func anyCI(rows []CalibrateRow) bool {
	for _, r := range rows {
		if r.CIPct >= 0 {
			return true
		}
	}
	return false
}

// suggestThresholds is the suggested -threshold: the percentile of noise
// over all rows with an interval as the default, and per unit where a
// unit's own percentile differs.
func suggestThresholds(rows []CalibrateRow) *Thresholds {
	byUnit := map[string][]float64{}
	var all []float64
	var unitOrder []string
	for _, cr := range rows {
		if _, ok := byUnit[cr.Unit]; !ok {
			unitOrder = append(unitOrder, cr.Unit)
			byUnit[cr.Unit] = nil
		}
		if cr.CIPct >= 0 {
			byUnit[cr.Unit] = append(byUnit[cr.Unit], cr.Noise)
			all = append(all, cr.Noise)
		}
	}
	def := suggest(all)
	t := &Thresholds{Default: def}
	for _, u := range unitOrder {
		if s := suggest(byUnit[u]); s != def && len(byUnit[u]) > 0 {
			if t.PerUnit == nil {
				t.PerUnit = map[string]float64{}
			}
			t.PerUnit[u] = s
		}
	}
	return t
}
func sq(x float64) float64 { return x * x }

// suggest is the nearest-rank 95th percentile of noise, rounded up to a
// whole percent, at least 1%.
func suggest(noise []float64) float64 {
	if len(noise) == 0 {
		return DefaultThreshold
	}
	s := append([]float64(nil), noise...)
	sort.Float64s(s)
	p95 := s[int(math.Ceil(0.95*float64(len(s))))-1]
	return math.Max(1, math.Ceil(p95*100-1e-9)) / 100
}

// Write renders c in format f.
func (c *Calibration) Write(w io.Writer, f Format) error {
	if f == JSON {
		return writeJSON(w, c)
	}
	md := f == Markdown
	var b strings.Builder
	if md {
		fmt.Fprintf(&b, "### benchrig noise: suggested `-threshold %s`\n\n", c.Suggested)
		b.WriteString("| pkg | benchmark | unit | n | CV | CI ± | A/A change | MDE |\n|---|---|---|--:|--:|--:|--:|--:|\n")
	} else {
		fmt.Fprintf(&b, "calibration on A/A runs %s and %s: alpha %g, MDE at %.0f%% power and alpha/%d\n\n", c.A1.Name, c.A2.Name, c.Alpha, c.Power*100, max(1, c.Compared))
	}
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	if !md {
		fmt.Fprintln(tw, "pkg\tbenchmark\tunit\tn\tCV\tCI ±\tA/A change\tMDE")
	}
	for _, r := range c.Rows {
		ci := "∞"
		if r.CIPct >= 0 {
			ci = fmt.Sprintf("%.1f%%", r.CIPct*100)
		}
		mde := "n too small"
		if r.MDE != nil {
			mde = fmt.Sprintf("%.1f%%", *r.MDE*100)
		}
		name := r.Name
		if len(r.Busy) > 0 {
			name += " (busy)"
		}
		cells := []string{r.Pkg, name, r.Unit, fmt.Sprintf("%d+%d", r.N1, r.N2), fmt.Sprintf("%.1f%%", r.CV*100), ci, fmt.Sprintf("%+.1f%%", r.AAPct*100), mde}
		if md {
			for i := range cells {
				cells[i] = mdEscape(cells[i])
			}
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		} else {
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nsuggested: -threshold %s (95th percentile of row noise = max(|A/A change|, CI half-width), rounded up)\n", c.Suggested)
	fmt.Fprintf(&b, "gate verdict on this A/A pair: %s\n", c.Gate)
	writeList(&b, "\nwarnings:", c.Warnings, "  ")
	_, err := io.WriteString(w, b.String())
	return err
}
