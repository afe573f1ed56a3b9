package gate

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Defaults for Options fields left at their zero value.
const (
	DefaultAlpha      = 0.05
	DefaultThreshold  = 0.05
	DefaultConfidence = 0.95
	DefaultRow        = ".fullname"
	DefaultIgnore     = "/gomaxprocs"
	// MinSamples is the smallest number of samples a side for which a
	// row takes part in the significance test.
	MinSamples = 6
)

// Options configures Compare and Calibrate. The zero value selects every
// default.
type Options struct {
	// Alpha is the family-wise significance level, applied with the
	// Holm–Bonferroni procedure across every row×unit compared.
	// 0 means DefaultAlpha. It must lie in (0, 1).
	Alpha float64

	// Threshold is the smallest relative change, in the worse direction,
	// that counts as a regression (and, in the better direction, as an
	// improvement). nil means DefaultThreshold for every unit; a
	// Thresholds value is taken as written (Thresholds{} is 0%: every
	// significant worse change fails).
	Threshold *Thresholds

	// Confidence is the level of the median confidence intervals shown.
	// 0 means DefaultConfidence.
	Confidence float64

	// Filter is a benchproc filter expression ("go doc
	// golang.org/x/perf/benchproc/syntax"); "" matches everything.
	Filter string

	// Units, when not empty, limits the comparison to these units (as
	// written in the files, e.g. "ns/op", or tidied, e.g. "sec/op").
	Units []string

	// Row is the benchproc projection that identifies a row within a
	// package; "" means DefaultRow. The "pkg" file key is always part
	// of the row identity.
	Row string

	// Ignore lists benchproc keys left out of the row identity; ""
	// means DefaultIgnore (the -N GOMAXPROCS suffix), "none" ignores
	// nothing.
	Ignore string

	// CrossMachine allows files whose "machine" or "cpu" config
	// differs. Without it Compare refuses them.
	CrossMachine bool

	// Power is the probability of detection each row's MDE is computed
	// for. 0 means MDEPower; it must lie in (0, 1).
	Power float64

	// AllowFew turns rows with fewer than MinSamples samples a side
	// from an input error into rows reported as "insufficient".
	AllowFew bool
}

func (o Options) withDefaults() (Options, error) {
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return o, fmt.Errorf("-alpha %v out of range: use a level in (0, 1), e.g. 0.05", o.Alpha)
	}
	if o.Confidence == 0 {
		o.Confidence = DefaultConfidence
	}
	if !(o.Confidence > 0 && o.Confidence < 1) {
		return o, fmt.Errorf("-confidence %v out of range: use a level in (0, 1), e.g. 0.95", o.Confidence)
	}
	if o.Power == 0 {
		o.Power = MDEPower
	}
	if !(o.Power > 0 && o.Power < 1) {
		return o, fmt.Errorf("power %v out of range: use a probability in (0, 1), e.g. 0.8", o.Power)
	}
	if o.Threshold == nil {
		o.Threshold = &Thresholds{Default: DefaultThreshold}
	}
	if o.Filter == "" {
		o.Filter = "*"
	}
	if o.Row == "" {
		o.Row = DefaultRow
	}
	if o.Ignore == "" {
		o.Ignore = DefaultIgnore
	}
	return o, nil
}

// Thresholds holds the default relative threshold and per-unit
// overrides, as fractions (0.05 is 5%). Its zero value is 0% for every
// unit.
type Thresholds struct {
	Default float64
	PerUnit map[string]float64
}

// Scaled returns t with every threshold multiplied by f.
func (t *Thresholds) Scaled(f float64) *Thresholds {
	out := &Thresholds{Default: t.Default * f}
	if t.PerUnit != nil {
		out.PerUnit = make(map[string]float64, len(t.PerUnit))
		for u, v := range t.PerUnit {
			out.PerUnit[u] = v * f
		}
	}
	return out
}

// For returns the threshold that applies to unit.
func (t *Thresholds) For(unit string) float64 {
	if v, ok := t.PerUnit[unit]; ok {
		return v
	}
	return t.Default
}

// String formats t in the syntax ParseThresholds reads.
func (t *Thresholds) String() string {
	parts := []string{formatPct(t.Default)}
	units := make([]string, 0, len(t.PerUnit))
	for u := range t.PerUnit {
		units = append(units, u)
	}
	sort.Strings(units)
	for _, u := range units {
		parts = append(parts, u+"="+formatPct(t.PerUnit[u]))
	}
	return strings.Join(parts, ",")
}

func formatPct(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e8)/1e6, 'f', -1, 64) + "%"
}

// ParseThresholds parses a -threshold value: a comma list whose plain
// entry sets the default and whose unit=value entries override it for one
// unit, e.g. "5%,p99-ns=20%". Values are percentages; the % sign is
// optional.
func ParseThresholds(s string) (*Thresholds, error) {
	t := &Thresholds{Default: DefaultThreshold}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		unit, val, hasUnit := strings.Cut(part, "=")
		if !hasUnit {
			val, unit = unit, ""
		}
		pct, err := parsePct(val)
		if err != nil {
			return nil, fmt.Errorf("-threshold entry %q: %w; use e.g. -threshold 5%%,p99-ns=20%%", part, err)
		}
		if !hasUnit {
			t.Default = pct
			continue
		}
		if unit == "" {
			return nil, fmt.Errorf("-threshold entry %q: empty unit; use e.g. p99-ns=20%%", part)
		}
		if t.PerUnit == nil {
			t.PerUnit = make(map[string]float64)
		}
		t.PerUnit[unit] = pct
	}
	return t, nil
}

// maxThresholdPct is the largest threshold, in percent, ParseThresholds
// takes; larger values could not be written back exactly.
const maxThresholdPct = 10000

// ParsePercent parses a percentage such as "5%" or "5" (the % sign is
// optional) into a fraction (0.05), as -threshold entries are parsed.
func ParsePercent(s string) (float64, error) { return parsePct(s) }

func parsePct(s string) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a percentage", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("%v%% is not a percentage ≥ 0", v)
	}
	if v > maxThresholdPct {
		return 0, fmt.Errorf("%v%% is above %v%%, where every change is within the threshold", v, float64(maxThresholdPct))
	}
	return v / 100, nil
}
