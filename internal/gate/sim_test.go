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

// The simulation targets: fixed seeds, no timing.
const (
	simSuites  = 1000
	simRows    = 20
	simN       = 10
	simOutlier = 0.02 // probability that a sample is multiplied by 1.5
)

// simSuite writes one suite (base or head) of simRows rows at n=simN with
// lognormal noise of per-row CV cvs[i] and occasional ×1.5 outliers. Row
// shifted (if ≥ 0) is multiplied by 1+shift.
func simSuite(rng *rand.Rand, cvs []float64, shifted int, shift float64) string {
	var b strings.Builder
	b.WriteString("pkg: example.com/sim\nmachine: sim\n")
	for i := range simN {
		_ = i
		for r, cv := range cvs {
			v := simValue(rng, cv)
			if r == shifted {
				v *= 1 + shift
			}
			fmt.Fprintf(&b, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, v)
		}
	}
	b.WriteString("PASS\n")
	return b.String()
}

// simValue is one sample around 1000: lognormal with coefficient of
// variation cv, multiplied by 1.5 with probability simOutlier.
func simValue(rng *rand.Rand, cv float64) float64 {
	v := 1000 * math.Exp(math.Sqrt(math.Log(1+cv*cv))*rng.NormFloat64())
	if rng.Float64() < simOutlier {
		v *= 1.5
	}
	return v
}

type simResult struct {
	gateAlarm, plainAlarm int // suites with at least one flagged row
	gateRows, plainRows   int // flagged rows
	caught, plainCaught   int // shifted row flagged
}

func simulate(t *testing.T, seed uint64, shift float64) simResult {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 5))
	var res simResult
	for range simSuites {
		cvs := make([]float64, simRows)
		for i := range cvs {
			cvs[i] = 0.01 + 0.04*rng.Float64() // CV 1–5%
		}
		shifted := -1
		if shift != 0 {
			shifted = rng.IntN(simRows)
			cvs[shifted] = 0.02
		}
		base := simSuite(rng, cvs, -1, 0)
		head := simSuite(rng, cvs, shifted, shift)
		rep, err := Compare(str("base", base), str("head", head), Options{})
		require.NoError(t, err)
		require.Equal(t, simRows, rep.Compared)
		gate, plain := 0, 0
		for _, row := range rep.Rows {
			isShifted := row.Name == fmt.Sprintf("Row/r=%d", shifted)
			// benchstat's default: a row "changed" when p < 0.05,
			// no correction, no threshold.
			if *row.P < 0.05 {
				if isShifted {
					res.plainCaught++
				} else {
					plain++
				}
			}
			if isShifted && row.Status != Regressed && testing.Verbose() {
				t.Logf("missed: %s %s change %v p %v p_holm %v", row.Name, row.Status, *row.Change, *row.P, *row.PAdj)
			}
			if row.Status == Regressed {
				if isShifted {
					res.caught++
				} else {
					gate++
				}
			}
		}
		res.gateRows += gate
		res.plainRows += plain
		if gate > 0 {
			res.gateAlarm++
		}
		if plain > 0 {
			res.plainAlarm++
		}
	}
	return res
}

func TestSimulatedFalseAlarmRate(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation of 1,000 suites; run without -short")
	}
	res := simulate(t, 20261126, 0)
	far := float64(res.gateAlarm) / simSuites
	plain := float64(res.plainAlarm) / simSuites
	t.Logf("A/A, %d suites × %d rows, n=%d, CV 1–5%%, %.0f%% outliers ×1.5:", simSuites, simRows, simN, simOutlier*100)
	t.Logf("  gate (Holm–Bonferroni α=0.05, threshold 5%%): suite false-alarm rate %.1f%% (%d suites), row rate %.3f%%",
		far*100, res.gateAlarm, 100*float64(res.gateRows)/(simSuites*simRows))
	t.Logf("  plain per-row p<0.05 (benchstat default):       suite false-alarm rate %.1f%% (%d suites), row rate %.2f%%",
		plain*100, res.plainAlarm, 100*float64(res.plainRows)/(simSuites*simRows))
	assert.LessOrEqual(t, far, 0.01, "whole-suite false-alarm rate must be ≤ 1%%")
}

func TestSimulatedPower(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation of 1,000 suites; run without -short")
	}
	res := simulate(t, 42, 0.10)
	power := float64(res.caught) / simSuites
	t.Logf("one row +10%% at CV 2%% among %d rows (others A/A), %d suites, n=%d:", simRows, simSuites, simN)
	t.Logf("  gate: caught %.1f%% (%d); suites with a false alarm on another row %.1f%%", power*100, res.caught, 100*float64(res.gateAlarm)/simSuites)
	t.Logf("  plain per-row p<0.05: caught %.1f%% (%d); suites with a false alarm on another row %.1f%%",
		100*float64(res.plainCaught)/simSuites, res.plainCaught, 100*float64(res.plainAlarm)/simSuites)
	assert.GreaterOrEqual(t, power, 0.95, "power must be ≥ 95%%")
}
