package gate

import (
	"math"
	"sort"
	"sync"

	"github.com/aclements/go-moremath/stats"
)

// yuenTrim is the fraction trimmed from each end by yuen.
const yuenTrim = 0.2

// yuenStats are the trimmed mean of ds, its standard error from the
// winsorized variance, and the degrees of freedom n-2g-1 (g values trimmed
// from each end); ok is false when fewer than two values survive trimming.
func yuenStats(ds []float64) (tmean, se, df float64, ok bool) {
	n := len(ds)
	g := int(math.Floor(yuenTrim * float64(n)))
	if n-2*g < 2 {
		return 0, 0, 0, false
	}
	s := append([]float64(nil), ds...)
	sort.Float64s(s)
	tmean = stats.Mean(s[g : n-g])
	w := append([]float64(nil), s...)
	for i := range g {
		w[i], w[n-1-i] = s[g], s[n-1-g]
	}
	se = stats.StdDev(w) / ((1 - 2*float64(g)/float64(n)) * math.Sqrt(float64(n)))
	return tmean, se, float64(n - 2*g - 1), true
}

// yuen is Yuen's two-sided one-sample test of the paired differences ds
// against 0: a t test of the 20%-trimmed mean with the standard error from
// the 20%-winsorized variance. Trimming makes an outlier pair (one process
// the hypervisor slowed) cost nothing but its own weight, and unlike a
// signed-rank or other exact paired permutation test its p-value is not
// bounded below by 2/2^n. It returns stats.ErrSamplesEqual when the
// winsorized differences are all 0.
func yuen(ds []float64) (p float64, err error) {
	tmean, se, df, ok := yuenStats(ds)
	switch {
	case !ok:
		return 1, stats.ErrSampleSize
	case se == 0 && tmean == 0:
		return 1, stats.ErrSamplesEqual
	case se == 0:
		return 0, nil
	}
	return 2 * (1 - stats.TDist{V: df}.CDF(math.Abs(tmean/se))), nil
}

// mdeYuen is the smallest relative shift yuen detects with probability
// power at level alpha1 (two-sided) given the spread of ds:
// (t(1-alpha1/2) + t(power)) · se, with the t quantiles at yuen's degrees
// of freedom. ds are log ratios, so the shift is converted back with exp.
func mdeYuen(ds []float64, alpha1, power float64) *float64 {
	_, se, df, ok := yuenStats(ds)
	if !ok {
		return nil
	}
	return ptr(math.Expm1((tQuantile(df, 1-alpha1/2) + tQuantile(df, power)) * se))
}

// tQuantiles memoizes tQuantile: moremath inverts the t CDF numerically,
// which costs more than the rest of a comparison.
var tQuantiles sync.Map // [2]float64{df, p} → float64

// tQuantile is the p quantile of Student's t with df degrees of freedom.
func tQuantile(df, p float64) float64 {
	key := [2]float64{df, p}
	if q, ok := tQuantiles.Load(key); ok {
		return q.(float64)
	}
	q := stats.InvCDF(stats.TDist{V: df})(p)
	tQuantiles.Store(key, q)
	return q
}
