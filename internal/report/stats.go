package report

import (
	"fmt"
	"math"
	"strings"

	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchunit"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Confidence is the confidence level of every interval in the report.
const Confidence = 0.95

// unitInfo describes the units the report knows (the result-file
// package's table); a unit not there is shown in the raw numbers only.
var unitInfo = resultfile.Units

// Stat is the median of a row's samples in one unit and its confidence
// interval (benchmath, assuming nothing about the distribution). When
// there are too few samples for an interval, Lo and Hi are infinite.
type Stat struct {
	Unit           string
	Center, Lo, Hi float64
	N              int
}

// HasCI reports whether the interval is finite.
func (s Stat) HasCI() bool { return !math.IsInf(s.Lo, 0) && !math.IsInf(s.Hi, 0) }

// stat summarizes a row's samples in unit; ok is false when the row has
// none.
func (r *Row) stat(unit string) (Stat, bool) {
	vs := r.Values[unit]
	if len(vs) == 0 {
		return Stat{}, false
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(vs, &benchmath.DefaultThresholds), Confidence)
	return Stat{Unit: unit, Center: s.Center, Lo: s.Lo, Hi: s.Hi, N: len(vs)}, true
}

// Ratio is a/b with a conservative interval: from the low end of a's
// interval over the high end of b's to the high end of a's over the low
// end of b's. It is infinite when either side has no interval.
type Ratio struct {
	Center, Lo, Hi float64
}

// HasCI reports whether the ratio's interval is finite.
func (r Ratio) HasCI() bool { return !math.IsInf(r.Lo, 0) && !math.IsInf(r.Hi, 0) }

func ratio(a, b Stat) Ratio {
	if !a.HasCI() || !b.HasCI() || b.Lo <= 0 {
		return Ratio{a.Center / b.Center, math.Inf(-1), math.Inf(1)}
	}
	return Ratio{a.Center / b.Center, a.Lo / b.Hi, a.Hi / b.Lo}
}

// String formats the ratio as "1.23× [1.10, 1.40]".
func (r Ratio) String() string {
	if !r.HasCI() {
		return times3(r.Center) + "× (no CI)"
	}
	return fmt.Sprintf("%s× [%s–%s]", times3(r.Center), times3(r.Lo), times3(r.Hi))
}

// times3 formats a ratio with three significant digits, never in
// exponent form: 0.688, 3.93, 190, 2871.
func times3(x float64) string {
	if math.Abs(x) >= 1000 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.3g", x)
}

// Value formats a number in a unit for reading: 284 µs, 7.7k/s, 64 MiB.
func Value(v float64, unit string) string {
	if unit == "MB/s" { // bytes per second with an SI prefix: 41.96MB/s, 1.414GB/s
		return benchunit.Scale(v*1e6, benchunit.Decimal) + "B/s"
	}
	if strings.HasSuffix(unit, "/s") { // other rates read best in their own unit: 9.084k io/s
		return benchunit.Scale(v, benchunit.Decimal) + " " + unit
	}
	t, tu := benchunit.Tidy(v, unit)
	s := benchunit.Scale(t, benchunit.ClassOf(tu))
	switch {
	case strings.HasSuffix(tu, "sec/op"), strings.HasSuffix(tu, "-sec"):
		return s + "s"
	case strings.HasSuffix(tu, "B/op"):
		return s + "B"
	}
	return s + " " + tu
}

// String formats the median with its interval as a ± percentage, or "no
// CI" with the sample count.
func (s Stat) String() string {
	v := Value(s.Center, s.Unit)
	if !s.HasCI() {
		return fmt.Sprintf("%s (n=%d, no CI)", v, s.N)
	}
	return fmt.Sprintf("%s [%s–%s]", v, Value(s.Lo, s.Unit), Value(s.Hi, s.Unit))
}
