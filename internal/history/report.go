package history

import (
	"slices"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// ChangeReport is a change point as show and check print it.
type ChangeReport struct {
	Rev          string  `json:"rev"`   // the first commit of the new level
	Index        int     `json:"index"` // its index in the series' points
	MedianBefore float64 `json:"median_before"`
	MedianAfter  float64 `json:"median_after"`
	ChangePct    float64 `json:"change_pct"` // (after/before - 1) × 100
	P            float64 `json:"p"`
	Regression   bool    `json:"regression"` // worse by the unit's direction
}

// Reports describes the series' change points: the medians of all samples
// from the previous change point (or the start) to this one and from this
// one to the next (or the end).
func (se *Series) Reports() []ChangeReport {
	var out []ChangeReport
	for i, c := range se.Changes {
		lo, hi := 0, len(se.Points)
		if i > 0 {
			lo = se.Changes[i-1].Index
		}
		if i+1 < len(se.Changes) {
			hi = se.Changes[i+1].Index
		}
		before, after := median(se.samples(lo, c.Index)), median(se.samples(c.Index, hi))
		pct := 0.0
		if before != 0 {
			pct = (after/before - 1) * 100
		}
		worse := after > before
		if resultfile.Better(se.Unit) == resultfile.Higher {
			worse = after < before
		}
		out = append(out, ChangeReport{Rev: se.Points[c.Index].Rev, Index: c.Index, MedianBefore: before, MedianAfter: after, ChangePct: pct, P: c.P, Regression: worse && pct != 0})
	}
	return out
}

// samples returns the samples of points [lo, hi).
func (se *Series) samples(lo, hi int) []float64 {
	var out []float64
	for _, p := range se.Points[lo:hi] {
		out = append(out, p.Samples...)
	}
	return out
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(x))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// Finding is a regression that history check reports.
type Finding struct {
	Series *Series
	Change ChangeReport
}

// Regressions returns the regression change points that start within the
// last n points of a series and change its median by at least threshold
// (0.05 = 5%), across all series.
func Regressions(series []*Series, n int, threshold float64) []Finding {
	var out []Finding
	for _, se := range series {
		for _, c := range se.Reports() {
			if c.Regression && c.Index >= len(se.Points)-n && abs(c.ChangePct) >= threshold*100 {
				out = append(out, Finding{se, c})
			}
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
