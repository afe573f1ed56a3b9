package harness

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLatencyRecordDoesNotAllocate(t *testing.T) {
	var l Latency
	d := time.Duration(1)
	allocs := testing.AllocsPerRun(1000, func() {
		l.Record(d)
		d = d*3 + 7
	})
	assert.Zero(t, allocs)
}

// exactQuantile is the nearest-rank quantile of sorted samples.
func exactQuantile(sorted []int64, q float64) float64 {
	rank := max(int(math.Ceil(q*float64(len(sorted)))), 1)
	return float64(sorted[rank-1])
}

func TestLatencyQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func(n int, f func(i int) int64) []int64 {
		s := make([]int64, n)
		for i := range s {
			s[i] = f(i)
		}
		return s
	}
	for _, tc := range []struct {
		name    string
		samples []int64
	}{
		{"constant", gen(1000, func(int) int64 { return 4242 })},
		{"small exact values", gen(1000, func(i int) int64 { return int64(i % 128) })},
		{"uniform 1..10000", gen(10000, func(i int) int64 { return int64(i + 1) })},
		{"lognormal disk-like", gen(50000, func(int) int64 { return int64(math.Exp(rng.NormFloat64()*1.5 + 11)) })},
		{"bimodal cache hit or miss", gen(20000, func(i int) int64 {
			if i%100 == 0 {
				return 8_000_000 + rng.Int64N(1_000_000)
			}
			return 300 + rng.Int64N(50)
		})},
		{"one minute", gen(10, func(i int) int64 { return int64(time.Minute) + int64(i) })},
		{"single sample", []int64{123456}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l Latency
			for _, s := range tc.samples {
				l.Record(time.Duration(s))
			}
			require.Equal(t, int64(len(tc.samples)), l.Count())
			sorted := slices.Clone(tc.samples)
			slices.Sort(sorted)
			for _, q := range []float64{0, 0.01, 0.5, 0.9, 0.99, 0.999, 1} {
				want := exactQuantile(sorted, q)
				got := l.Quantile(q)
				tol := math.Max(want/256, 0.5) // half a bucket: 1/256 relative, exact below 128 ns
				assert.InDelta(t, want, got, tol, "q=%v", q)
			}
		})
	}
}

func TestLatencyBuckets(t *testing.T) {
	for i := range numBuckets {
		lo, hi := bucketRange(i)
		require.Equal(t, i, bucketOf(lo), "lo of bucket %d", i)
		require.Equal(t, i, bucketOf(hi-1), "hi-1 of bucket %d", i)
		if i > 0 {
			_, prevHi := bucketRange(i - 1)
			require.Equal(t, prevHi, lo, "buckets are contiguous at %d", i)
		}
		if lo >= 128 {
			require.LessOrEqual(t, float64(hi-lo)/float64(lo), 1.0/128, "relative width at %d", i)
		}
	}
	_, top := bucketRange(numBuckets - 1)
	assert.Greater(t, time.Duration(top), time.Minute, "covers over a minute")
	assert.Equal(t, numBuckets-1, bucketOf(math.MaxInt64), "huge values clamp to the last bucket")
}

func TestLatencyEdges(t *testing.T) {
	var l Latency
	assert.True(t, math.IsNaN(l.Quantile(0.5)), "empty")
	l.Record(-5)
	assert.Equal(t, 0.0, l.Quantile(0.5), "negative counts as 0")
	l.Record(time.Duration(math.MaxInt64))
	assert.Equal(t, float64(math.MaxInt64), l.Quantile(1), "max is exact even beyond the last bucket")
	assert.True(t, math.IsNaN(l.Quantile(1.5)))
	assert.True(t, math.IsNaN(l.Quantile(math.NaN())))
	l.Reset()
	assert.Zero(t, l.Count())
}

func TestLatencyMerge(t *testing.T) {
	var a, b, all Latency
	for i := range 1000 {
		d := time.Duration(i*i + 1)
		all.Record(d)
		if i%2 == 0 {
			a.Record(d)
		} else {
			b.Record(d)
		}
	}
	var empty Latency
	a.Merge(&empty)
	a.Merge(&b)
	assert.Equal(t, all, a)
	empty.Merge(&all)
	assert.Equal(t, all, empty)
}

func TestLatencyReport(t *testing.T) {
	res := quickBenchmark(t, func(b *testing.B) {
		var l Latency
		for b.Loop() {
			l.Record(time.Microsecond)
		}
		l.Report(b)
	})
	for _, unit := range []string{"p50-ns", "p99-ns", "p99.9-ns"} {
		assert.InDelta(t, 1000, res.Extra[unit], 1000.0/256, unit)
	}
}

// quickBenchmark runs fn with testing.Benchmark for 20 iterations, so unit
// tests of reporting do not spend a second per call.
func quickBenchmark(t *testing.T, fn func(b *testing.B)) testing.BenchmarkResult {
	t.Helper()
	f := flag.Lookup("test.benchtime")
	require.NotNil(t, f)
	old := f.Value.String()
	require.NoError(t, f.Value.Set("20x"))
	defer f.Value.Set(old)
	return testing.Benchmark(fn)
}
