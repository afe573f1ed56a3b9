package gate

import (
	"math"
	"sort"

	"github.com/aclements/go-moremath/stats"
	"golang.org/x/perf/benchmath"
)

func ptr(f float64) *float64 { return &f }

// change is (h-b)/|b|, 0 when they are equal and nil (infinite) when only
// b is 0.
func change(b, h float64) *float64 {
	switch {
	case b == h:
		return ptr(0)
	case b == 0:
		return nil
	}
	return ptr((h - b) / math.Abs(b))
}

// summarize is one side's median with its confidence interval and CV.
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

// cv is the sample standard deviation over the mean, 0 for fewer than two
// values or a zero mean.
func cv(xs []float64) float64 {
	s := stats.Sample{Xs: xs}
	mean := s.Mean()
	if len(xs) < 2 || mean == 0 {
		return 0
	}
	return s.StdDev() / math.Abs(mean)
}

// robustSigma is MAD×1.4826 relative to the median: a spread that one
// outlier does not inflate.
func robustSigma(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	med := median(xs)
	if med == 0 {
		return 0
	}
	return 1.4826 * mad(xs) / math.Abs(med)
}

func median(xs []float64) float64 {
	return stats.Sample{Xs: xs}.Quantile(0.5)
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

// mdeU is the smallest relative shift the Mann-Whitney test detects with
// probability power at level alpha1 (two-sided) with n1 and n2 samples of
// relative spread sigma (see Calibrate).
func mdeU(sigma float64, n1, n2 int, alpha1, power float64) float64 {
	return zSum(alpha1, power) * sigma * math.Sqrt(1/float64(n1)+1/float64(n2)) * math.Sqrt(math.Pi/3)
}

// zSum is z(1-alpha1/2) + z(power), the normal quantiles a two-sided test
// at level alpha1 with that power needs between null and alternative.
func zSum(alpha1, power float64) float64 {
	return math.Sqrt2*math.Erfinv(1-alpha1) + math.Sqrt2*math.Erfinv(2*power-1)
}

// mad is the median absolute deviation from the median.
func mad(xs []float64) float64 {
	med := median(xs)
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - med)
	}
	return median(dev)
}

// correlation is the Pearson correlation of xs and ys, or nil when fewer
// than three pairs or a constant side make it undefined.
func correlation(xs, ys []float64) *float64 {
	if len(xs) < 3 || len(xs) != len(ys) {
		return nil
	}
	mx, my := stats.Mean(xs), stats.Mean(ys)
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return nil
	}
	return ptr(sxy / math.Sqrt(sxx*syy))
}
