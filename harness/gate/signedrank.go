package gate

import (
	"math"
	"sort"

	"github.com/aclements/go-moremath/stats"
)

// signedRankExactLimit is the largest number of non-zero differences for
// which signedRank computes the exact distribution.
const signedRankExactLimit = 50

// signedRank is the two-sided Wilcoxon signed-rank test of the paired
// differences ds against a median of 0. Zero differences are dropped
// (Wilcoxon's method); tied magnitudes get average ranks. Up to
// signedRankExactLimit non-zero differences the p-value is exact, computed
// over the 2^n sign assignments of the (tied) ranks; above it the normal
// approximation with the tie correction is used. It returns
// stats.ErrSamplesEqual when every difference is 0.
func signedRank(ds []float64) (p float64, n int, err error) {
	var abs []float64
	for _, d := range ds {
		if d != 0 {
			abs = append(abs, math.Abs(d))
		}
	}
	n = len(abs)
	if n == 0 {
		return 1, 0, stats.ErrSamplesEqual
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return abs[idx[a]] < abs[idx[b]] })
	// rank2 holds doubled ranks, integers even when ties average them.
	rank2 := make([]int, n)
	var ties []int
	for i := 0; i < n; {
		j := i
		for j < n && abs[idx[j]] == abs[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			rank2[idx[k]] = i + j + 1 // 2 × mean of ranks i+1..j
		}
		ties = append(ties, j-i)
		i = j
	}
	w2 := 0 // doubled W+, the rank sum of the positive differences
	k := 0
	for _, d := range ds {
		if d == 0 {
			continue
		}
		if d > 0 {
			w2 += rank2[k]
		}
		k++
	}
	if n <= signedRankExactLimit {
		return exactSignedRank(rank2, w2), n, nil
	}
	return normalSignedRank(n, w2, ties), n, nil
}

// exactSignedRank is P(|W+ - mean| ≥ |w2/2 - mean|) under random signs,
// with doubled ranks.
func exactSignedRank(rank2 []int, w2 int) float64 {
	total := 0
	for _, r := range rank2 {
		total += r
	}
	count := make([]float64, total+1) // count[s]: sign assignments with doubled W+ = s
	count[0] = 1
	for _, r := range rank2 {
		for s := total; s >= r; s-- {
			count[s] += count[s-r]
		}
	}
	all := math.Ldexp(1, len(rank2))
	dev := math.Abs(float64(2*w2 - total)) // |2·w2 - total| = 2·|w2 - total/2|
	var tail float64
	for s, c := range count {
		if math.Abs(float64(2*s-total)) >= dev {
			tail += c
		}
	}
	return math.Min(1, tail/all)
}

func normalSignedRank(n, w2 int, ties []int) float64 {
	nf := float64(n)
	mean := nf * (nf + 1) / 4
	v := nf * (nf + 1) * (2*nf + 1) / 24
	for _, t := range ties {
		tf := float64(t)
		v -= (tf*tf*tf - tf) / 48
	}
	if v <= 0 {
		return 1
	}
	z := (math.Abs(float64(w2)/2-mean) - 0.5) / math.Sqrt(v) // continuity correction
	if z < 0 {
		return 1
	}
	return math.Erfc(z / math.Sqrt2)
}

// minPSignedRank is the smallest two-sided signed-rank p-value possible
// with n pairs: every difference of one sign, 2/2^n.
func minPSignedRank(n int) float64 {
	if n <= 0 {
		return 1
	}
	return math.Min(1, math.Ldexp(2, -n))
}

// mdePaired is the smallest relative shift the signed-rank test detects
// with probability power at level alpha1 (two-sided) over n pairs whose
// log ratios have spread sigma: as mdeU, with the one-sample standard
// error sigma/sqrt(n) and the same sqrt(π/3) efficiency loss.
func mdePaired(sigma float64, n int, alpha1, power float64) float64 {
	return zSum(alpha1, power) * sigma / math.Sqrt(float64(n)) * math.Sqrt(math.Pi/3)
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
