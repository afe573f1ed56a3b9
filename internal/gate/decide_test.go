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

func TestSpentAlpha(t *testing.T) {
	for _, k := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			sum, prev := 0.0, 0.0
			for j := 1; j <= k; j++ {
				a := Plan{Target: .05, Look: j, Looks: k}.SpentAlpha(0.05)
				assert.Greater(t, a, 0.0)
				if j > 1 {
					assert.Greater(t, a, prev, "O'Brien–Fleming spends more late")
				}
				sum, prev = sum+a, a
			}
			assert.InDelta(t, 0.05, sum, 1e-12, "the looks spend alpha exactly")
		})
	}
}

func TestDecide(t *testing.T) {
	plan := func(look, looks int) Plan { return Plan{Target: 0.05, Look: look, Looks: looks} }
	cases := []struct {
		name  string
		head  string
		plan  Plan
		state DecisionState
		why   string
	}{
		{"regression fails", "ab_head_regress.txt", plan(1, 1), DecidedFail, "regressed +8.66% at look 1 of 1"},
		{"small MDE passes", "ab_head_pass.txt", plan(2, 2), DecidedPass, "no regression; MDE"},
		{"first look spends little alpha: MDE above target", "ab_head_pass.txt", plan(1, 4), Undecided, "no regression yet; MDE"},
		{"large target MDE undecided", "ab_head_pass.txt", Plan{Target: 0.001, Look: 1, Looks: 4}, Undecided, "no regression yet; MDE"},
		{"last look passes with a caveat", "ab_head_pass.txt", Plan{Target: 0.001, Look: 4, Looks: 4}, DecidedPass, "could have been missed"},
		{"busy is said", "ab_head_busy.txt", plan(1, 4), Undecided, "busy machine"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds, rep, err := Decide(open(t, "ab_base.txt"), open(t, tc.head), Options{}, tc.plan)
			require.NoError(t, err)
			require.NotNil(t, rep)
			var pad *Decision
			for i := range ds {
				if ds[i].Name == "FalseShare/layout=pad64" && ds[i].Unit == "ns/op" {
					pad = &ds[i]
				}
				assert.NotEqual(t, "adds/s", ds[i].Unit, "reported units are not decided")
			}
			require.NotNil(t, pad)
			assert.Equal(t, tc.state, pad.State, pad.Reason)
			assert.Contains(t, pad.Reason, tc.why)
		})
	}
	for _, bad := range []Plan{{Target: 0, Look: 1, Looks: 1}, {Target: .05, Look: 2, Looks: 1}, {Target: .05, Look: 0, Looks: 3}} {
		_, _, err := Decide(open(t, "ab_base.txt"), open(t, "ab_head_pass.txt"), Options{}, bad)
		var ue *UsageError
		assert.ErrorAs(t, err, &ue, "%+v", bad)
	}
}

// seqRow is one simulated row's interleaved samples so far.
type seqRow struct {
	cv     float64
	b, h   []float64
	done   bool
	failed bool
}

// simulateSequential runs suites of simRows rows through looks at the
// pair counts in looks (more pairs only for undecided rows) and counts the
// suites where some unshifted row was decided fail, and how often the
// shifted row was. spend chooses SpentAlpha (true) or the full alpha at
// every look (false, the naive reading).
func simulateSequential(t *testing.T, seed uint64, suites int, looks []int, shift float64, spend bool) (alarms, caught int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 9))
	for range suites {
		rows := make([]*seqRow, simRows)
		for i := range rows {
			rows[i] = &seqRow{cv: 0.01 + 0.04*rng.Float64()}
		}
		shifted := -1
		if shift != 0 {
			shifted = rng.IntN(simRows)
			rows[shifted].cv = 0.02
		}
		for j, n := range looks {
			for r, row := range rows {
				for !row.done && len(row.b) < n {
					drift := math.Exp(simPairDrift * rng.NormFloat64())
					b, h := drift*simValue(rng, row.cv), drift*simValue(rng, row.cv)
					if r == shifted {
						h *= 1 + shift
					}
					row.b, row.h = append(row.b, b), append(row.h, h)
				}
			}
			base, head := seqFiles(rows)
			plan := Plan{Target: 0.05, Look: j + 1, Looks: len(looks)}
			opts := Options{}
			if !spend {
				plan.Looks, plan.Look = 1, 1 // all of alpha at every look
			}
			ds, _, err := Decide(str("base", base), str("head", head), opts, plan)
			require.NoError(t, err)
			for _, d := range ds {
				var r int
				fmt.Sscanf(d.Name, "Row/r=%d", &r)
				row := rows[r]
				if row.done || d.State == Undecided {
					continue
				}
				row.done, row.failed = true, d.State == DecidedFail
			}
		}
		alarm := false
		for r, row := range rows {
			switch {
			case r == shifted && row.failed:
				caught++
			case row.failed:
				alarm = true
			}
		}
		if alarm {
			alarms++
		}
	}
	return alarms, caught
}

// seqFiles writes every row's pairs so far as the two files of an ab run.
func seqFiles(rows []*seqRow) (base, head string) {
	var b, h strings.Builder
	for _, w := range []*strings.Builder{&b, &h} {
		w.WriteString("pkg: example.com/sim\nmachine: sim\n")
	}
	for k := 1; ; k++ {
		any := false
		for _, w := range []*strings.Builder{&b, &h} {
			fmt.Fprintf(w, "pair: %d\npair-order: ab\n", k)
		}
		for r, row := range rows {
			if k <= len(row.b) {
				any = true
				fmt.Fprintf(&b, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, row.b[k-1])
				fmt.Fprintf(&h, "BenchmarkRow/r=%d-2 \t 1000\t %.3f ns/op\n", r, row.h[k-1])
			}
		}
		if !any {
			b.WriteString("PASS\n")
			h.WriteString("PASS\n")
			return b.String(), h.String()
		}
	}
}

// TestSimulatedSequential shows the group-sequential design's false-alarm
// rate: interleaved A/A suites looked at after 6, 10, 14 and 20 pairs,
// only undecided rows sampled again.
func TestSimulatedSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation of 500 sequential suites; run without -short")
	}
	const suites = 300
	looks := []int{6, 10, 14, 20}
	alarms, _ := simulateSequential(t, 2026, suites, looks, 0, true)
	_, caught := simulateSequential(t, 7, suites, looks, 0.10, true)
	_, caught5 := simulateSequential(t, 11, suites, looks, 0.05, true)
	naive := -1
	if testing.Verbose() {
		naive, _ = simulateSequential(t, 2026, suites, looks, 0, false)
	}
	t.Logf("sequential A/A, %d suites × %d rows, looks at %v pairs, target 5%%, per-pair drift %.0f%%:", suites, simRows, looks, simPairDrift*100)
	t.Logf("  O'Brien–Fleming alpha spending: suite false-alarm rate %.1f%% (%d suites)", 100*float64(alarms)/suites, alarms)
	if naive >= 0 {
		t.Logf("  full alpha at every look (naive): suite false-alarm rate %.1f%% (%d suites)", 100*float64(naive)/suites, naive)
	}
	t.Logf("  one row +10%% at CV 2%%: caught %.1f%% (%d)", 100*float64(caught)/suites, caught)
	t.Logf("  one row +5%% (the target) at CV 2%%: caught %.1f%% (%d)", 100*float64(caught5)/suites, caught5)
	assert.LessOrEqual(t, float64(alarms)/suites, 0.01)
	assert.GreaterOrEqual(t, float64(caught5)/suites, 0.90, "a change of the target's size is caught 9 times in 10")
	assert.GreaterOrEqual(t, float64(caught)/suites, 0.95)
}

// TestDecideFloor: at target 5% a clear +4% slowdown fails (it is above
// the floor, half the target), a clear +2% one does not, and neither
// does a clear speedup.
func TestDecideFloor(t *testing.T) {
	for _, tc := range []struct {
		name  string
		shift float64
		want  DecisionState
	}{
		{"above the floor fails", 0.04, DecidedFail},
		{"below the floor does not fail", 0.02, DecidedPass},
		{"a speedup does not fail", -0.04, DecidedPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			row := &seqRow{}
			for range 20 {
				row.b = append(row.b, simValue(rng, 0.002))
				row.h = append(row.h, simValue(rng, 0.002)*(1+tc.shift))
			}
			base, head := seqFiles([]*seqRow{row})
			ds, _, err := Decide(str("base", base), str("head", head), Options{}, Plan{Target: 0.05, Look: 1, Looks: 1})
			require.NoError(t, err)
			require.Len(t, ds, 1)
			assert.Equal(t, tc.want, ds[0].State, ds[0].Reason)
		})
	}
}

// TestDecideInconclusive: at the last look a row with no regression and
// an MDE above the target is inconclusive in its row and in the summary;
// it passes unless the plan is strict, and the report names the target
// and the fail line under it, never a threshold the user did not give.
func TestDecideInconclusive(t *testing.T) {
	for _, tc := range []struct {
		name    string
		plan    Plan
		verdict Verdict
		code    int
		summary string
	}{
		{"small MDE is a plain pass", Plan{Target: 0.05, Look: 1, Looks: 1}, Pass, 0, "PASS: no regression in 4 comparisons (alpha 0.05 after Holm–Bonferroni, target 5%, fails above 2.5%)"},
		{"MDE above the target", Plan{Target: 0.001, Look: 1, Looks: 1}, Pass, 0, "inconclusive (MDE above the target)"},
		{"strict", Plan{Target: 0.001, Look: 1, Looks: 1, Strict: true}, Unsure, 2, "INCONCLUSIVE: no regression found in 4 comparisons, but"},
		{"not the last look", Plan{Target: 0.001, Look: 1, Looks: 4, Strict: true}, Pass, 0, "target 0.1%, fails above 0.05%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, rep, err := Decide(open(t, "ab_base.txt"), open(t, "ab_head_pass.txt"), Options{}, tc.plan)
			require.NoError(t, err)
			assert.Equal(t, tc.verdict, rep.Verdict)
			assert.Equal(t, tc.code, rep.ExitCode())
			assert.Contains(t, rep.Summary(), tc.summary)
			var b strings.Builder
			require.NoError(t, rep.Write(&b, Text))
			assert.Equal(t, rep.Unsure > 0, strings.Contains(b.String(), " inconclusive\n"), b.String())
		})
	}
}
