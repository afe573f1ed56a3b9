package history

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestChangePointsOneSample: with one sample per commit (a -count 1 run
// each), CV 2% and a +5% step, no method can place the step within ±1
// commit in 95% of series: the least-squares location, told that there is
// exactly one change, is the bound. ChangePoints, which is not told, must
// place it as well as that bound, within 2% of the series.
func TestChangePointsOneSample(t *testing.T) {
	const series = 200
	r := rand.New(rand.NewPCG(7, 11))
	found, bound := 0, 0
	for range series {
		step := 10 + r.IntN(180)
		commits := make([][]float64, 200)
		x := make([]float64, 200)
		for i := range commits {
			mean := 100.0
			if i >= step {
				mean = 105
			}
			x[i] = mean * (1 + 0.02*r.NormFloat64())
			commits[i] = []float64{x[i]}
		}
		if d := leastSquaresStep(x) - step; d >= -1 && d <= 1 {
			bound++
		}
		for _, c := range ChangePoints(commits, ChangeOptions{}) {
			if c.Index >= step-1 && c.Index <= step+1 {
				found++
				break
			}
		}
	}
	t.Logf("within ±1 commit: ChangePoints %d of %d series, the least-squares bound %d", found, series, bound)
	assert.GreaterOrEqual(t, found, bound-series/50)
}

// leastSquaresStep is the least-squares location of one mean shift in x:
// the split that maximizes the between-sides sum of squares.
func leastSquaresStep(x []float64) int {
	n := float64(len(x))
	total := 0.0
	for _, v := range x {
		total += v
	}
	best, bestV, left := -1, -1.0, 0.0
	for t := 1; t < len(x); t++ {
		left += x[t-1]
		k := float64(t)
		ml, mr := left/k, (total-left)/(n-k)
		if v := k * (n - k) / n * (ml - mr) * (ml - mr); v > bestV {
			best, bestV = t, v
		}
	}
	return best
}
