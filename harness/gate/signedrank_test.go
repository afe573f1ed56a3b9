package gate

import (
	"errors"
	"math"
	"testing"

	"github.com/aclements/go-moremath/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignedRank(t *testing.T) {
	cases := []struct {
		name string
		ds   []float64
		p    float64
		n    int
	}{
		// All positive: only one of 2^n sign patterns is as extreme on
		// each side.
		{"all positive n=6", []float64{1, 2, 3, 4, 5, 6}, 2.0 / 64, 6},
		{"all negative n=10", []float64{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10}, 2.0 / 1024, 10},
		// W+ = 1 of 1..4 (total 10): sums ≤ 1 are {0},{1}: 2 of 16, both
		// tails 4/16.
		{"one small positive", []float64{1, -2, -3, -4}, 4.0 / 16, 4},
		// Symmetric: p = 1.
		{"balanced", []float64{1, -1, 2, -2}, 1, 4},
		// Zeros are dropped.
		{"zeros dropped", []float64{0, 0, 1, 2, 3, 4, 5, 6}, 2.0 / 64, 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, n, err := signedRank(tc.ds)
			require.NoError(t, err)
			assert.Equal(t, tc.n, n)
			assert.InDelta(t, tc.p, p, 1e-12)
		})
	}
	_, _, err := signedRank([]float64{0, 0, 0})
	assert.True(t, errors.Is(err, stats.ErrSamplesEqual))
}

// TestSignedRankNormal checks the normal approximation against the exact
// distribution where both apply.
func TestSignedRankNormal(t *testing.T) {
	ds := make([]float64, 40)
	for i := range ds {
		ds[i] = float64(i + 1)
		if i%3 == 0 {
			ds[i] = -ds[i]
		}
	}
	exact, _, err := signedRank(ds)
	require.NoError(t, err)
	rank2 := make([]int, 40)
	w2 := 0
	for i := range rank2 {
		rank2[i] = 2 * (i + 1)
		if ds[i] > 0 {
			w2 += rank2[i]
		}
	}
	approx := normalSignedRank(40, w2, make([]int, 40))
	assert.InDelta(t, exact, approx, 0.01*math.Max(exact, 0.01))
}

func TestMinPSignedRank(t *testing.T) {
	assert.Equal(t, 1.0, minPSignedRank(0))
	assert.Equal(t, 1.0, minPSignedRank(1))
	assert.InDelta(t, 2.0/1024, minPSignedRank(10), 1e-15)
}
