package report

import (
	"fmt"
	"math"
)

// Verdict is a claim's verdict on one machine.
type Verdict string

const (
	Holds       Verdict = "holds"
	DoesNotHold Verdict = "does not hold"
	NotTestable Verdict = "not testable here"
)

// Band is how far a measured number may be from a claimed one for the
// claim to hold: within a factor of 2 either way. Claims are judged on one
// machine against numbers measured on another, so only order-of-magnitude
// agreement is meaningful.
const Band = 2.0

// near is the verdict rule for a claimed number: the claim holds when the
// measured interval [lo, hi] overlaps [claimed/Band, claimed×Band]. With
// too few runs for an interval (lo or hi infinite) the median alone is
// judged.
func near(center, lo, hi, claimed float64) bool {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = center, center
	}
	return hi >= claimed/Band && lo <= claimed*Band
}

// aboveX is the verdict rule for a claimed direction ("a is slower than
// b": x = 1) or size ("markedly faster": x = 1.10): the claim holds when
// the interval of the ratio lies above x, or, with too few runs for an
// interval, when the median ratio does.
func aboveX(r Ratio, x float64) bool {
	if !r.HasCI() {
		return r.Center > x
	}
	return r.Lo > x
}

// verdictOf turns rule results into a verdict: every part must hold.
func verdictOf(parts ...bool) Verdict {
	for _, ok := range parts {
		if !ok {
			return DoesNotHold
		}
	}
	return Holds
}

// nearStat applies near to a stat, scaled by f (e.g. 1e-6 for ns → ms).
func nearStat(s Stat, claimed float64) bool {
	return s.N > 0 && near(s.Center, s.Lo, s.Hi, claimed)
}

// inBand is near for a claimed range: the claim holds when the measured
// interval overlaps [lo/Band, hi×Band] (the median alone without an
// interval).
func inBand(s Stat, lo, hi float64) bool {
	if s.N == 0 {
		return false
	}
	l, h := s.Lo, s.Hi
	if !s.HasCI() {
		l, h = s.Center, s.Center
	}
	return h >= lo/Band && l <= hi*Band
}

// nearRatio applies near to a ratio.
func nearRatio(r Ratio, claimed float64) bool { return near(r.Center, r.Lo, r.Hi, claimed) }

// bandText describes the band for claimed in unit.
func bandText(claimed float64, unit string) string {
	return fmt.Sprintf("%s–%s", Value(claimed/Band, unit), Value(claimed*Band, unit))
}
