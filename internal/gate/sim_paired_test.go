package gate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simPairDrift is the spread of the per-pair block drift: both sides of a
// pair run close together and share it (lognormal, 5%, larger than any
// row's own noise).
const simPairDrift = 0.05

// simAB writes the two files of one interleaved run: simN pairs of simRows
// rows, each value a fresh process's (lognormal per-row CV cvs[i], 2%
// outliers ×1.5) times its pair's drift; row shifted (if ≥ 0) of head is
// multiplied by 1+shift.
func simAB(rng *rand.Rand, cvs []float64, shifted int, shift float64) (base, head string) {
	var b, h strings.Builder
	for _, w := range []*strings.Builder{&b, &h} {
		w.WriteString("pkg: example.com/sim\nmachine: sim\n")
	}
	for k := 1; k <= simN; k++ {
		drift := math.Exp(simPairDrift * rng.NormFloat64())
		order := "ab"
		if k%2 == 0 {
			order = "ba"
		}
		for _, w := range []*strings.Builder{&b, &h} {
			fmt.Fprintf(w, "pair: %d\npair-order: %s\n", k, order)
			for r, cv := range cvs {
				v := drift * simValue(rng, cv)
				if w == &h && r == shifted {
					v *= 1 + shift
				}
				fmt.Fprintf(w, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, v)
			}
		}
	}
	b.WriteString("PASS\n")
	h.WriteString("PASS\n")
	return b.String(), h.String()
}

// simulateAB is simulate for interleaved runs: how many suites had a false
// alarm and how often the shifted row was caught.
func simulateAB(t *testing.T, seed uint64, shift float64) (alarms, caught int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	for range simSuites {
		cvs := make([]float64, simRows)
		for i := range cvs {
			cvs[i] = 0.01 + 0.04*rng.Float64()
		}
		shifted := -1
		if shift != 0 {
			shifted = rng.IntN(simRows)
			cvs[shifted] = 0.02
		}
		base, head := simAB(rng, cvs, shifted, shift)
		rep, err := Compare(str("base", base), str("head", head), Options{})
		require.NoError(t, err)
		require.True(t, rep.Paired)
		require.Equal(t, simRows, rep.Compared)
		alarm := false
		for _, row := range rep.Rows {
			require.Equal(t, "yuen-t", row.Test)
			if row.Status != Regressed {
				continue
			}
			if row.Name == fmt.Sprintf("Row/r=%d", shifted) {
				caught++
			} else {
				alarm = true
			}
		}
		if alarm {
			alarms++
		}
	}
	return alarms, caught
}

func TestSimulatedPairedFalseAlarmRate(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation of 1,000 suites; run without -short")
	}
	alarms, _ := simulateAB(t, 20261201, 0)
	far := float64(alarms) / simSuites
	t.Logf("interleaved A/A, %d suites × %d rows × %d pairs, per-process CV 1–5%%, %.0f%% outliers ×1.5, per-pair drift %.0f%% shared by both sides:",
		simSuites, simRows, simN, simOutlier*100, simPairDrift*100)
	t.Logf("  gate (Yuen's trimmed t on per-pair log ratios, Holm α=0.05, threshold 5%%): suite false-alarm rate %.1f%% (%d suites)", far*100, alarms)
	assert.LessOrEqual(t, far, 0.01, "whole-suite false-alarm rate must be ≤ 1%%")
}

func TestSimulatedPairedPower(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation of 1,000 suites; run without -short")
	}
	alarms, caught := simulateAB(t, 43, 0.10)
	power := float64(caught) / simSuites
	t.Logf("interleaved, one row +10%% at CV 2%% among %d rows, per-pair drift %.0f%%, %d suites, %d pairs:", simRows, simPairDrift*100, simSuites, simN)
	t.Logf("  gate: caught %.1f%% (%d); suites with a false alarm on another row %.1f%%", power*100, caught, 100*float64(alarms)/simSuites)
	assert.GreaterOrEqual(t, power, 0.95, "power must be ≥ 95%%")
}

// TestSimulatedBlockDrift is the case the drift warning is about: two
// back-to-back runs of the same code whose machine drifted by +8% between
// them. Unpaired, the U test sees a change of every row; interleaved, the
// drift hits both sides of each pair and the paired test sees none.
func TestSimulatedBlockDrift(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	cvs := []float64{0.02, 0.02, 0.03, 0.05}
	block := func(drift float64) string {
		var b strings.Builder
		b.WriteString("pkg: example.com/sim\nmachine: sim\n")
		for range simN {
			for r, cv := range cvs {
				fmt.Fprintf(&b, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, 1000*drift*math.Exp(cv*rng.NormFloat64()))
			}
		}
		b.WriteString("PASS\n")
		return b.String()
	}
	rep, err := Compare(str("base", block(1)), str("head", block(1.08)), Options{})
	require.NoError(t, err)
	assert.Equal(t, Fail, rep.Verdict, "unpaired block A/A with +8%% drift fails")
	assert.Contains(t, strings.Join(rep.Warnings, "\n"), "drift of the machine between the two runs is untested")
	assert.Contains(t, rep.Summary(), "not interleaved: drift between the runs untested")

	// Interleaved: the same drift, now changing from pair to pair.
	var b, h strings.Builder
	for _, w := range []*strings.Builder{&b, &h} {
		w.WriteString("pkg: example.com/sim\nmachine: sim\n")
	}
	for k := 1; k <= simN; k++ {
		drift := 1.0
		if k > simN/2 {
			drift = 1.08
		}
		for _, w := range []*strings.Builder{&b, &h} {
			fmt.Fprintf(w, "pair: %d\npair-order: ab\n", k)
			for r, cv := range cvs {
				fmt.Fprintf(w, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, 1000*drift*math.Exp(cv*rng.NormFloat64()))
			}
		}
	}
	b.WriteString("PASS\n")
	h.WriteString("PASS\n")
	rep, err = Compare(str("base", b.String()), str("head", h.String()), Options{})
	require.NoError(t, err)
	assert.Equal(t, Pass, rep.Verdict, rep.Summary())
	assert.NotContains(t, rep.Summary(), "not interleaved")
}
