package abrun

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/benchrig/benchrig/harness/gate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fakePkg = "example.com/fake/p"

func TestBenchRegexp(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []RowID
		want string
	}{
		{"one", []RowID{{fakePkg, "Work"}}, `^BenchmarkWork$`},
		{"sub", []RowID{{fakePkg, "Other/n=2"}}, `^BenchmarkOther$/^n=2$`},
		{"two, deduplicated", []RowID{{fakePkg, "Work"}, {fakePkg, "Other/n=1"}, {"x", "Work"}}, `^BenchmarkWork$|^BenchmarkOther$/^n=1$`},
		{"quoted", []RowID{{fakePkg, "A/x=1.5(b)|c"}}, `^BenchmarkA$/^x=1\.5\(b\)\|c$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, BenchRegexp(tc.rows))
		})
	}
}

// scripted is a Decider that returns its answers in turn, and confirm for
// the confirming files.
type scripted struct {
	answers []Decision
	confirm Decision
	calls   []string
}

func (s *scripted) Decide(a, b string) (*Decision, error) {
	s.calls = append(s.calls, filepath.Base(a))
	d := s.confirm
	if !strings.Contains(a, ".confirm.") {
		d = s.answers[min(len(s.calls), len(s.answers))-1]
	}
	d.Write = func(w io.Writer) error { _, err := fmt.Fprintln(w, "report of", filepath.Base(a)); return err }
	return &d, nil
}

// ran returns the benchmark names in the log, in order.
func ran(t *testing.T, log string) []string {
	var names []string
	for _, l := range readLines(t, log) {
		names = append(names, strings.Fields(l)[1])
	}
	return names
}

func TestAdaptiveRunsOnlyUndecidedRows(t *testing.T) {
	r, _, log := setup(t)
	dec := &scripted{answers: []Decision{{Undecided: []RowID{{fakePkg, "Other/n=2"}}}, {}}}
	var stdout, stderr bytes.Buffer
	cfg := abConfig(r, "Other", &stdout, &stderr, t.TempDir())
	cfg.Sampling = Sampling{Count: 2, Budget: time.Hour}
	cfg.Decider = dec
	code, err := AB(context.Background(), cfg)
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 0, code)
	all := strings.Repeat("BenchmarkOther/n=1 BenchmarkOther/n=2 ", 4)
	assert.Equal(t, strings.Fields(all+strings.Repeat("BenchmarkOther/n=2 ", 4)), ran(t, log),
		"2 pairs (4 processes) of everything, then 2 pairs of the undecided row")
	assert.Contains(t, stderr.String(), "2 more pairs for 1 row(s): Other/n=2")
	assert.Len(t, dec.calls, 2)
}

func TestAdaptiveStopsAtBudget(t *testing.T) {
	r, _, _ := setup(t)
	dec := &scripted{answers: []Decision{{Undecided: []RowID{{fakePkg, "Work"}}, Code: 2}}}
	var stdout, stderr bytes.Buffer
	cfg := abConfig(r, "Work", &stdout, &stderr, t.TempDir())
	cfg.Sampling = Sampling{Count: 2, Budget: time.Nanosecond}
	cfg.Decider = dec
	code, err := AB(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr.String(), "budget 1ns spent with 1 row(s): Work undecided")
}

func TestFailingRowsAreConfirmed(t *testing.T) {
	work := RowID{fakePkg, "Work"}
	for _, tc := range []struct {
		name      string
		confirmed []RowID
		code      int
		summary   string
	}{
		{"confirmed", []RowID{work}, 1, "fail: 1 row(s): Work regressed and the regression was confirmed"},
		{"not confirmed", nil, 0, "pass: 1 row(s): Work regressed in the first sample but not when confirmed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _, log := setup(t)
			dec := &scripted{answers: []Decision{{Failing: []RowID{work}, Code: 1}}, confirm: Decision{Failing: tc.confirmed, Code: tc.code}}
			var stdout, stderr bytes.Buffer
			cfg := abConfig(r, ".", &stdout, &stderr, t.TempDir())
			cfg.Sampling = Sampling{Count: 2, Budget: time.Hour}
			cfg.Decider = dec
			code, err := AB(context.Background(), cfg)
			require.NoError(t, err, stderr.String())
			assert.Equal(t, tc.code, code)
			names := ran(t, log)
			require.Len(t, names, 16, "2 pairs of 3 benchmarks, then 2 of the failing one")
			assert.Equal(t, strings.Fields(strings.Repeat("BenchmarkWork ", 4)), names[12:], "the confirmation ran only the failing row")
			assert.Contains(t, stdout.String(), "Confirmation (")
			assert.Contains(t, stdout.String(), tc.summary)
			assert.Equal(t, []string{
				"ab-" + r.Commits[0][:12] + "-vs-" + r.Commits[1][:12] + ".a.txt",
				"ab-" + r.Commits[0][:12] + "-vs-" + r.Commits[1][:12] + ".confirm.a.txt",
			}, dec.calls)
		})
	}
}

func TestGateDeciderOnRealRuns(t *testing.T) {
	r, _, _ := setup(t)
	var stdout, stderr bytes.Buffer
	cfg := abConfig(r, "Work", &stdout, &stderr, t.TempDir())
	cfg.Sampling = Sampling{Count: 6, Budget: time.Hour}
	code, err := AB(context.Background(), cfg)
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 1, code, "a tenfold slowdown fails, confirmed: %s", stdout.String())
	assert.Contains(t, stdout.String(), "regression was confirmed in fresh processes")
}

func TestDecided(t *testing.T) {
	c := func(f float64) *float64 { return &f }
	for _, tc := range []struct {
		name string
		row  gate.Row
		want bool
	}{
		{"regressed", gate.Row{Status: gate.Regressed}, true},
		{"improved", gate.Row{Status: gate.Improved}, true},
		{"within threshold", gate.Row{Status: gate.WithinThresh}, true},
		{"insufficient", gate.Row{Status: gate.Insufficient}, false},
		{"no change, tight", gate.Row{Status: gate.NoChange, Change: c(0.01), Base: gate.Stats{CIPct: 0.01}, Head: gate.Stats{CIPct: 0.02}, Threshold: 0.05}, true},
		{"no change, wide", gate.Row{Status: gate.NoChange, Change: c(0.01), Base: gate.Stats{CIPct: 0.03}, Head: gate.Stats{CIPct: 0.03}, Threshold: 0.05}, false},
		{"no change, no interval", gate.Row{Status: gate.NoChange, Change: c(0), Base: gate.Stats{CIPct: -1}, Threshold: 0.05}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, decided(tc.row))
		})
	}
}
