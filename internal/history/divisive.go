package history

import (
	"math"
	"sort"

	"github.com/aclements/go-moremath/stats"
)

// window is a run of commits' medians with the 2-D prefix sums of their
// pairwise distances |x_i - x_j|, so every q-hat term is a block sum.
type window struct {
	x []float64
	p []float64 // (len(x)+1)² prefix sums, row-major
}

func newWindow(x []float64) *window {
	w := &window{x: x}
	n := len(x) + 1
	w.p = make([]float64, n*n)
	for i := 1; i < n; i++ {
		for j := 1; j < n; j++ {
			w.p[i*n+j] = math.Abs(x[i-1]-x[j-1]) + w.p[(i-1)*n+j] + w.p[i*n+j-1] - w.p[(i-1)*n+j-1]
		}
	}
	return w
}

// block is the sum of |x_i - x_j| over r0 <= i < r1, c0 <= j < c1.
func (w *window) block(r0, r1, c0, c1 int) float64 {
	n := len(w.x) + 1
	return w.p[r1*n+c1] - w.p[r0*n+c1] - w.p[r1*n+c0] + w.p[r0*n+c0]
}

// qhat is the E-Divisive divergence of X = x[a:t] and Y = x[t:k] (Matteson
// and James, with alpha = 1).
func (w *window) qhat(a, t, k int) float64 {
	n, m := float64(t-a), float64(k-t)
	q := 2 / (m + n) * w.block(a, t, t, k)
	if n > 1 {
		q -= 2 * m / ((m + n) * (n - 1)) * w.block(a, t, a, t) / 2
	}
	if m > 1 {
		q -= 2 * n / ((m + n) * (m - 1)) * w.block(t, k, t, k) / 2
	}
	return q
}

// candidate is the best split of commits [b0, b1): the commit tau in
// (b0, b1) and end kappa in (tau, b1] that maximize q-hat of commits
// [b0, tau) against [tau, kappa). tau is -1 when the segment has fewer
// than two commits.
func (w *window) candidate(b0, b1 int) (tau int, q float64) {
	tau, q = -1, math.Inf(-1)
	for t := b0 + 1; t < b1; t++ {
		for k := t + 1; k <= b1; k++ {
			if v := w.qhat(b0, t, k); v > q {
				tau, q = t, v
			}
		}
	}
	return tau, q
}

// tTest is the two-sided p-value of Student's t-test (pooled variance) of
// two samples, with each side's spread taken as its population standard
// deviation, as Otava computes it; 1 when there are fewer than three
// samples in all.
func tTest(a, b []float64) float64 {
	df := float64(len(a) + len(b) - 2)
	if len(a) == 0 || len(b) == 0 || df <= 0 {
		return 1
	}
	ma, va := meanVar(a)
	mb, vb := meanVar(b)
	na, nb := float64(len(a)), float64(len(b))
	pooled := ((na-1)*va + (nb-1)*vb) / df
	se := math.Sqrt(pooled * (1/na + 1/nb))
	switch {
	case se == 0 && ma == mb:
		return 1
	case se == 0:
		return 0
	}
	t := math.Abs(ma-mb) / se
	return 2 * (1 - stats.TDist{V: df}.CDF(t))
}

// corrected is p for a split chosen as the best of the candidate commits
// of the samples [lo, hi): Bonferroni over those candidates (p times their
// number, at most 1). The split was picked by looking at the data, so the
// t-test's own p-value is far too small; see the package doc.
func (s *sampleSeries) corrected(p float64, lo, hi int) float64 {
	m := sort.SearchInts(s.starts, hi) - sort.SearchInts(s.starts, lo) - 1 // the commits a split can fall at
	return min(1, p*float64(max(m, 1)))
}

// meanVar is the mean and the population variance of x.
func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x))
}

// stats gives each change point (sample indexes, sorted) its sides'
// means and t-test over the segments between its neighbours.
func (s *sampleSeries) stats(idx []int) []Change {
	out := make([]Change, len(idx))
	for i, c := range idx {
		lo, hi := 0, len(s.x)
		if i > 0 {
			lo = idx[i-1]
		}
		if i+1 < len(idx) {
			hi = idx[i+1]
		}
		before, after := s.x[lo:c], s.x[c:hi]
		mb, _ := meanVar(before)
		ma, _ := meanVar(after)
		out[i] = Change{Index: c, MeanBefore: mb, MeanAfter: ma, P: s.corrected(tTest(before, after), lo, hi)}
	}
	return out
}

// merge drops weak change points one at a time, as Otava's merge does:
// the one with the largest p-value while that is not below alpha, else the
// one with the smallest magnitude while that is not above minChange; the
// stats of the rest are recomputed after each drop.
func (s *sampleSeries) merge(cps []Change, alpha, minChange float64) []Change {
	for len(cps) > 0 {
		weakest := 0
		for i, c := range cps {
			if c.P > cps[weakest].P {
				weakest = i
			}
		}
		if cps[weakest].P < alpha {
			for i, c := range cps {
				if c.Magnitude() < cps[weakest].Magnitude() {
					weakest = i
				}
			}
			if cps[weakest].Magnitude() > minChange {
				return cps
			}
		}
		idx := make([]int, 0, len(cps)-1)
		for i, c := range cps {
			if i != weakest {
				idx = append(idx, c.Index)
			}
		}
		cps = s.stats(idx)
	}
	return cps
}
