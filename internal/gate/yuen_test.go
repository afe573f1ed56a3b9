package gate

import (
	"errors"
	"testing"

	"github.com/aclements/go-moremath/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestYuen(t *testing.T) {
	cases := []struct {
		name  string
		ds    []float64
		p     float64
		delta float64
		err   error
	}{
		// n=10, g=2: trimmed mean 5.5, winsorized sd 2.173, se 1.145,
		// t=4.80 on 5 df.
		{"worked example", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.00488, 0.0001, nil},
		// Two wild pairs are trimmed away: the same p as without them.
		{"outliers trimmed", []float64{-100, 2, 3, 4, 5, 6, 7, 8, 9, 100}, 0.00488, 0.0001, nil},
		{"symmetric", []float64{-3, -2, -1, 1, 2, 3}, 1, 1e-12, nil},
		{"all zero", []float64{0, 0, 0, 0, 0, 0}, 1, 0, stats.ErrSamplesEqual},
		{"constant shift", []float64{1, 1, 1, 1, 1, 1}, 0, 0, nil},
		{"too few", []float64{1}, 1, 0, stats.ErrSampleSize},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := yuen(tc.ds)
			if tc.err != nil {
				require.True(t, errors.Is(err, tc.err), "err %v", err)
			} else {
				require.NoError(t, err)
			}
			assert.InDelta(t, tc.p, p, tc.delta)
		})
	}
}

func TestMDEYuen(t *testing.T) {
	ds := []float64{0.01, -0.02, 0.015, 0, -0.01, 0.02, 0.005, -0.015, 0.01, -0.005}
	m := mdeYuen(ds, 0.05, 0.8)
	require.NotNil(t, m)
	more := mdeYuen(append(append([]float64{}, ds...), ds...), 0.05, 0.8)
	assert.Less(t, *more, *m, "more pairs detect less")
	assert.Nil(t, mdeYuen([]float64{1}, 0.05, 0.8))
}
