package history

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// levels builds a series of len(lengths) levels, lengths[i] commits at
// means[i], one sample each, with a fixed ±0.5% zig-zag for noise.
func levels(lengths []int, means []float64) [][]float64 {
	var s [][]float64
	for i, n := range lengths {
		for j := range n {
			noise := 1 + 0.005*float64(j%3-1)
			s = append(s, []float64{means[i] * noise})
		}
	}
	return s
}

func indexes(cs []Change) []int {
	out := []int{}
	for _, c := range cs {
		out = append(out, c.Index)
	}
	return out
}

// TestChangePointsLevels: series with stated level shifts give the
// commits where the new levels start, as Otava's compute_change_points
// defines them (the first commit of the new level), with its defaults
// (window 50, p 0.001, no minimum change).
func TestChangePointsLevels(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lengths []int
		means   []float64
		want    []int
	}{
		{"flat", []int{60}, []float64{100}, []int{}},
		{"one step up", []int{40, 40}, []float64{100, 110}, []int{40}},
		{"two shifts", []int{30, 30, 30}, []float64{100, 110, 95}, []int{30, 60}},
		{"two shifts beyond one window", []int{70, 70, 70}, []float64{100, 103, 100}, []int{70, 140}},
		{"short level", []int{40, 5, 40}, []float64{100, 130, 100}, []int{40, 45}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ChangePoints(levels(tc.lengths, tc.means), ChangeOptions{})
			assert.Equal(t, tc.want, indexes(got))
		})
	}
}

// TestChangePointsSamples: with several samples per commit, every sample
// counts and the change falls between commits.
func TestChangePointsSamples(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s [][]float64
	for i := range 30 {
		mean := 100.0
		if i >= 17 {
			mean = 103
		}
		var c []float64
		for range 5 {
			c = append(c, mean*(1+0.02*r.NormFloat64()))
		}
		s = append(s, c)
	}
	got := ChangePoints(s, ChangeOptions{})
	require.Len(t, got, 1)
	assert.Equal(t, 17, got[0].Index)
	assert.InDelta(t, 0.03, got[0].Relative(), 0.01)
	assert.Less(t, got[0].P, 0.001)
}

// TestChangePointsMinChange: -min-change drops a significant change
// smaller than it.
func TestChangePointsMinChange(t *testing.T) {
	s := levels([]int{40, 40}, []float64{100, 102})
	assert.Equal(t, []int{40}, indexes(ChangePoints(s, ChangeOptions{})))
	assert.Empty(t, ChangePoints(s, ChangeOptions{MinChange: 0.05}))
}

// TestChangePointsSimulated: on series of 200 commits at a CV of 2%, with
// 5 samples per commit (a -count 5 run each), a +5% step at a random
// commit is found within ±1 commit in at least 95% of series, and
// step-free series give at most 1 false change point per 100 series.
func TestChangePointsSimulated(t *testing.T) {
	const series, samples = 200, 5
	r := rand.New(rand.NewPCG(7, 11))
	noisy := func(n int, step int) [][]float64 {
		s := make([][]float64, n)
		for i := range s {
			mean := 100.0
			if step >= 0 && i >= step {
				mean = 105
			}
			for range samples {
				s[i] = append(s[i], mean*(1+0.02*r.NormFloat64()))
			}
		}
		return s
	}
	found, falseAlarms := 0, 0
	for range series {
		step := 10 + r.IntN(180)
		for _, c := range ChangePoints(noisy(200, step), ChangeOptions{}) {
			if c.Index >= step-1 && c.Index <= step+1 {
				found++
				break
			}
		}
		falseAlarms += len(ChangePoints(noisy(200, -1), ChangeOptions{}))
	}
	t.Logf("step found within ±1 commit in %d of %d series; %d false change points in %d step-free series", found, series, falseAlarms, series)
	assert.GreaterOrEqual(t, float64(found)/series, 0.95)
	assert.LessOrEqual(t, float64(falseAlarms)/series, 0.01)
}
