package gate

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHolm(t *testing.T) {
	// Worked example: p = 0.01, 0.04, 0.03, 0.005 (m=4).
	// Sorted: 0.005×4=0.02, 0.01×3=0.03, 0.03×2=0.06, 0.04×1=0.04→0.06.
	got := Holm([]float64{0.01, 0.04, 0.03, 0.005})
	want := []float64{0.03, 0.06, 0.06, 0.02}
	for i := range want {
		assert.InDelta(t, want[i], got[i], 1e-12, "index %d", i)
	}
	assert.Empty(t, Holm(nil))
	assert.Equal(t, []float64{1}, Holm([]float64{1}))
}

func TestMinP(t *testing.T) {
	assert.InDelta(t, 0.0021645021645021645, MinP(6, 6), 1e-15)
	assert.InDelta(t, 1.0825088224847e-05, MinP(10, 10), 1e-15)
	assert.Equal(t, 1.0, MinP(0, 5))
}

func TestParseThresholds(t *testing.T) {
	cases := []struct {
		in      string
		def     float64
		perUnit map[string]float64
		err     string
	}{
		{"5%", 0.05, nil, ""},
		{"3", 0.03, nil, ""},
		{"5%,p99-ns=20%", 0.05, map[string]float64{"p99-ns": 0.20}, ""},
		{"p99-ns=20%", 0.05, map[string]float64{"p99-ns": 0.20}, ""},
		{"x", 0, nil, `"x" is not a percentage`},
		{"-1%", 0, nil, "not a percentage ≥ 0"},
		{"1e140", 0, nil, "is above 10000%"},
		{"=5%", 0, nil, "empty unit"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			th, err := ParseThresholds(tc.in)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.InDelta(t, tc.def, th.Default, 1e-12)
			for u, v := range tc.perUnit {
				assert.InDelta(t, v, th.For(u), 1e-12)
			}
			round, err := ParseThresholds(th.String())
			require.NoError(t, err)
			assert.Equal(t, th.String(), round.String())
		})
	}
}

func TestThresholdsAsWritten(t *testing.T) {
	cases := []struct {
		name    string
		thr     *Thresholds
		verdict Verdict
	}{
		{"nil is the default 5%", nil, Fail},
		{"20% is 20%", &Thresholds{Default: .2}, Pass},
		{"zero is 0%", &Thresholds{}, Fail},
		{"per unit only: default 0%", &Thresholds{PerUnit: map[string]float64{"B/op": .5}}, Fail},
		{"per unit covering the regression", &Thresholds{PerUnit: map[string]float64{"ns/op": .5}}, Pass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Compare(open(t, "base.txt"), open(t, "head_regress.txt"), Options{Threshold: tc.thr})
			require.NoError(t, err)
			assert.Equal(t, tc.verdict, rep.Verdict, rep.Summary())
			if tc.thr != nil {
				assert.Equal(t, tc.thr.String(), rep.Threshold)
			}
		})
	}
}

func TestCalibrate(t *testing.T) {
	c, err := Calibrate(open(t, "base.txt"), open(t, "head_pass.txt"), Options{})
	require.NoError(t, err)
	assert.Equal(t, Pass, c.Gate)
	require.Len(t, c.Rows, 10)
	for _, r := range c.Rows {
		if r.Unit == "majflt/op" {
			assert.Zero(t, r.Noise)
			continue
		}
		require.NotNil(t, r.MDE, r.Name)
		assert.Greater(t, *r.MDE, 0.0)
		assert.Less(t, *r.MDE, 0.10, "%s %s: CV %.3f", r.Name, r.Unit, r.CV)
	}
	for _, f := range []Format{Text, Markdown, JSON} {
		var buf bytes.Buffer
		require.NoError(t, c.Write(&buf, f))
		golden(t, "calibrate."+map[Format]string{Text: "txt", Markdown: "md", JSON: "json"}[f], buf.Bytes())
	}
}

func TestCalibrateBusy(t *testing.T) {
	c, err := Calibrate(open(t, "ab_base.txt"), open(t, "ab_head_busy.txt"), Options{})
	require.NoError(t, err)
	busy := 0
	for _, r := range c.Rows {
		if len(r.Busy) > 0 {
			busy++
			assert.Equal(t, "FalseShare/layout=pad64", r.Name)
		}
	}
	assert.Equal(t, 3, busy)
	var buf bytes.Buffer
	require.NoError(t, c.Write(&buf, Text))
	assert.Contains(t, buf.String(), "FalseShare/layout=pad64 (busy)")
	assert.Contains(t, buf.String(), "measured on a busy machine")
}

func TestSuggest(t *testing.T) {
	noise := []float64{}
	for i := 1; i <= 20; i++ {
		noise = append(noise, float64(i)/1000) // 0.1% .. 2%
	}
	assert.InDelta(t, 0.02, suggest(noise), 1e-12)        // p95 = 1.9% → 2%
	assert.InDelta(t, 0.01, suggest([]float64{0}), 1e-12) // floor 1%
	assert.InDelta(t, DefaultThreshold, suggest(nil), 1e-12)
}
