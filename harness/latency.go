package harness

import (
	"math"
	"math/bits"
	"testing"
	"time"
)

// The histogram is log-linear: values below 2^subBits ns get one bucket
// each (exact); above, every power of two is split into 2^subBits equal
// buckets, so a bucket is at most 1/128 (0.78%) of its value wide. The top
// power of two is 2^maxExp ns (about 18 minutes); larger values land in the
// last bucket, and the exact maximum is kept.
const (
	subBits    = 7
	subCount   = 1 << subBits
	maxExp     = 40
	numBuckets = subCount + (maxExp-subBits)*subCount
)

// Latency is a log-linear histogram of durations (about 1% relative
// precision) whose zero value is ready to use. Record does not allocate. It
// is not safe for concurrent use: give each goroutine its own and Merge.
type Latency struct {
	counts   [numBuckets]uint64
	n        int64
	min, max int64 // exact, in ns
}

func bucketOf(v int64) int {
	if v < subCount {
		return int(v)
	}
	exp := bits.Len64(uint64(v)) - 1 // v in [2^exp, 2^(exp+1))
	if exp >= maxExp {
		return numBuckets - 1
	}
	sub := int(v>>(exp-subBits)) - subCount
	return subCount + (exp-subBits)*subCount + sub
}

// bucketRange returns the half-open range [lo, hi) of values in bucket i.
func bucketRange(i int) (lo, hi int64) {
	if i < subCount {
		return int64(i), int64(i) + 1
	}
	exp := (i-subCount)/subCount + subBits
	sub := (i - subCount) % subCount
	width := int64(1) << (exp - subBits)
	lo = (int64(subCount) + int64(sub)) * width
	return lo, lo + width
}

// Record adds one sample. Negative durations count as 0.
func (l *Latency) Record(d time.Duration) {
	v := int64(d)
	if v < 0 {
		v = 0
	}
	l.counts[bucketOf(v)]++
	if l.n == 0 || v < l.min {
		l.min = v
	}
	if v > l.max {
		l.max = v
	}
	l.n++
}

// Merge adds o's samples to l.
func (l *Latency) Merge(o *Latency) {
	if o.n == 0 {
		return
	}
	for i, c := range o.counts {
		l.counts[i] += c
	}
	if l.n == 0 || o.min < l.min {
		l.min = o.min
	}
	if o.max > l.max {
		l.max = o.max
	}
	l.n += o.n
}

// Count returns the number of samples.
func (l *Latency) Count() int64 { return l.n }

// Quantile returns the q-quantile (0..1) in nanoseconds: the value of the
// sample of rank ceil(q*Count) (nearest rank), to within half a bucket
// (under 0.4%) and never outside the exact minimum and maximum, which it
// returns exactly for the first and last rank. It returns
// NaN when there are no samples or q is outside [0, 1].
func (l *Latency) Quantile(q float64) float64 {
	if l.n == 0 || !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	rank := int64(math.Ceil(q * float64(l.n)))
	switch {
	case rank <= 1:
		return float64(l.min)
	case rank >= l.n:
		return float64(l.max)
	}
	var seen int64
	for i, c := range l.counts {
		seen += int64(c)
		if seen < rank {
			continue
		}
		lo, hi := bucketRange(i)
		if i == numBuckets-1 && l.max >= hi {
			return float64(l.max) // beyond the histogram's range: the exact max bounds it
		}
		var v float64
		if hi-lo == 1 {
			v = float64(lo)
		} else {
			v = float64(lo) + float64(hi-lo)/2
		}
		return math.Min(math.Max(v, float64(l.min)), float64(l.max))
	}
	return float64(l.max)
}

// Reset forgets every sample.
func (l *Latency) Reset() { *l = Latency{} }

// Report reports p50-ns, p99-ns and p99.9-ns on b. Call after the loop. It
// fails b when nothing was recorded rather than report a number it did not
// measure.
func (l *Latency) Report(b *testing.B) {
	b.Helper()
	if l.n == 0 {
		b.Fatalf("harness.Latency.Report: no samples recorded; call Record in the timed loop")
	}
	b.ReportMetric(l.Quantile(0.50), "p50-ns")
	b.ReportMetric(l.Quantile(0.99), "p99-ns")
	b.ReportMetric(l.Quantile(0.999), "p99.9-ns")
}
