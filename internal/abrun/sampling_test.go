package abrun

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

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

func (s *scripted) Decide(a, b string, look, looks int) (*Decision, error) {
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
	for _, tc := range []struct {
		name   string
		budget time.Duration
		since  []time.Duration // what the clock says, call by call
		code   int
		log    string
	}{
		{"first round spends it: one look", time.Nanosecond, []time.Duration{time.Second}, 2, "budget 1ns at 500ms a pair: 1 look, at 2 pairs\n"},
		{"next step would overrun: fewer looks than planned", time.Hour, []time.Duration{time.Second, time.Hour},
			0, "budget 1h0m0s spent after look 1 of 4 planned (2 pairs instead of 8) with 1 row(s): Work undecided"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _, _ := setup(t)
			dec := &scripted{answers: []Decision{{Undecided: []RowID{{fakePkg, "Work"}}, Code: tc.code}}}
			var stdout, stderr bytes.Buffer
			cfg := abConfig(r, "Work", &stdout, &stderr, t.TempDir())
			clock := tc.since
			cfg.Sampling = Sampling{Count: 2, Budget: tc.budget, since: func(time.Time) time.Duration {
				d := clock[0]
				clock = clock[min(1, len(clock)-1):]
				return d
			}}
			cfg.Decider = dec
			code, err := AB(context.Background(), cfg)
			require.NoError(t, err)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, stderr.String(), tc.log)
			assert.Len(t, dec.calls, 1)
		})
	}
}

func TestFailingRowsAreConfirmed(t *testing.T) {
	work := RowID{fakePkg, "Work"}
	for _, tc := range []struct {
		name      string
		confirmed []RowID
		code      int
		summary   string
		document  bool // the report is JSON: what sampling adds goes to stderr
	}{
		{"confirmed", []RowID{work}, 1, "fail: 1 row(s): Work regressed and the regression was confirmed", false},
		{"not confirmed", nil, 0, "pass: 1 row(s): Work regressed in the first sample but not when confirmed", false},
		{"json stays valid", []RowID{work}, 1, "fail: 1 row(s): Work regressed and the regression was confirmed", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _, log := setup(t)
			dec := &scripted{answers: []Decision{{Failing: []RowID{work}, Code: 1, Document: tc.document}},
				confirm: Decision{Failing: tc.confirmed, Code: tc.code, Document: tc.document}}
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
			stem := "ab-" + r.Commits[0][:12] + "-vs-" + r.Commits[1][:12]
			notes := stdout.String()
			if tc.document {
				assert.Equal(t, "report of "+stem+".a.txt\n", stdout.String(), "only the report")
				notes = stderr.String()
			}
			assert.Contains(t, notes, "Confirmation (")
			assert.Contains(t, notes, tc.summary)
			assert.Equal(t, []string{
				"ab-" + r.Commits[0][:12] + "-vs-" + r.Commits[1][:12] + ".a.txt",
				"ab-" + r.Commits[0][:12] + "-vs-" + r.Commits[1][:12] + ".confirm.a.txt",
			}, dec.calls)
		})
	}
}

func TestGateDeciderOnRealRuns(t *testing.T) {
	r, _, log := setup(t)
	var stdout, stderr bytes.Buffer
	cfg := abConfig(r, ".", &stdout, &stderr, t.TempDir())
	cfg.Sampling = Sampling{Count: 6, Step: 2, Budget: time.Hour}
	code, err := AB(context.Background(), cfg)
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 1, code, "a tenfold slowdown fails, confirmed: %s", stdout.String())
	assert.Contains(t, stderr.String(), "4 looks, at 6 pairs and then every 2 more (12 at the last)")
	assert.Contains(t, stderr.String(), "Work decided fail: ns/op: regressed")
	assert.Contains(t, stdout.String(), "Work: fail (ns/op: regressed")
	assert.Contains(t, stdout.String(), "regression was confirmed in fresh processes")

	// The Other rows may be decided at any look (on a quiet machine their
	// MDE is below the target at the first), so the confirmation's size is
	// read from the last look the log reports.
	looks := regexp.MustCompile(`(?m)^benchrig: look \d+ of 4 at (\d+) pairs: `).FindAllStringSubmatch(stderr.String(), -1)
	require.NotEmpty(t, looks, stderr.String())
	lastPairs := looks[len(looks)-1][1]
	m := regexp.MustCompile(`confirming \d+ row\(s\): (.*) in (\d+) fresh pairs`).FindStringSubmatch(stderr.String())
	require.NotNil(t, m, stderr.String())
	assert.Equal(t, lastPairs, m[2], "as many confirming pairs as the last look had")
	failing := strings.Split(m[1], ", ") // Work, and rarely an Other row's false alarm
	assert.Contains(t, failing, "Work")
	names := ran(t, log)
	pairs, err := strconv.Atoi(m[2])
	require.NoError(t, err)
	nc := 2 * pairs * len(failing)

	require.GreaterOrEqual(t, len(names), 36+nc)
	first, middle, confirm := names[:36], names[36:len(names)-nc], names[len(names)-nc:]
	assert.ElementsMatch(t, strings.Fields(strings.Repeat("BenchmarkWork BenchmarkOther/n=1 BenchmarkOther/n=2 ", 12)), first, "look 1: 6 pairs of everything")
	assert.ElementsMatch(t, strings.Fields(strings.Repeat("Benchmark"+strings.Join(failing, " Benchmark")+" ", 2*pairs)), confirm, "the confirming pairs ran the failing rows only")
	want := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^benchrig: 2 more pairs for \d+ row\(s\): (.*)$`).FindAllStringSubmatch(stderr.String(), -1) {
		for _, n := range strings.Split(m[1], ", ") {
			want["Benchmark"+n] += 4 // 2 pairs, 2 sides
		}
	}
	got := map[string]int{}
	for _, n := range middle {
		got[n]++
	}
	assert.Equal(t, want, got, "later rounds ran exactly the rows they named as undecided")
	after := stderr.String()[strings.Index(stderr.String(), "Work decided fail"):]
	assert.NotRegexp(t, `more pairs for [^\n]*\bWork\b`, after, "a decided row is not sampled again")
}

func TestGateDeciderAA(t *testing.T) {
	r, _, log := setup(t)
	var stdout, stderr bytes.Buffer
	cfg := abConfig(r, "Other", &stdout, &stderr, t.TempDir())
	cfg.RevA = "HEAD"
	cfg.Sampling = Sampling{Count: 6, Step: 2, Budget: time.Hour}
	code, err := AB(context.Background(), cfg)
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 0, code, "A/A: %s", stdout.String())
	confirmations := 0
	if strings.Contains(stdout.String(), "Confirmation (") {
		// A false alarm (at most alpha over the looks) that the fresh
		// sample must clear.
		assert.Contains(t, stdout.String(), "but not when confirmed in fresh processes")
		confirmations = 6
	} else {
		assert.Regexp(t, `Other/n=1: (pass|undecided) \(`, stdout.String())
		assert.Regexp(t, `Other/n=2: (pass|undecided) \(`, stdout.String())
	}
	assert.LessOrEqual(t, len(readLines(t, log)), 2*2*(12+confirmations), "at most 12 pairs of 2 rows, and a confirmation")
}

func TestPlan(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     Sampling
		first time.Duration
		want  schedule
		last  int
	}{
		{"no budget: one look", Sampling{Count: 10}, time.Minute, schedule{10, 10, 1}, 10},
		{"budget spent by the first round", Sampling{Count: 10, Budget: time.Minute}, 2 * time.Minute, schedule{10, 10, 1}, 10},
		{"budget pays for one more step", Sampling{Count: 10, Budget: 10 * time.Minute}, 4 * time.Minute, schedule{10, 10, 2}, 20},
		{"two more steps, not a third", Sampling{Count: 10, Budget: 10 * time.Minute}, 3 * time.Minute, schedule{10, 10, 3}, 30},
		{"capped at MaxLooks", Sampling{Count: 10, Budget: time.Hour}, time.Minute, schedule{10, 10, MaxLooks}, 40},
		{"odd count: even step", Sampling{Count: 5, Budget: time.Hour}, time.Minute, schedule{5, 6, MaxLooks}, 23},
		{"explicit step", Sampling{Count: 6, Step: 2, Budget: 10 * time.Second}, 6 * time.Second, schedule{6, 2, 3}, 10},
		{"instant first round", Sampling{Count: 6, Budget: time.Second}, 0, schedule{6, 6, MaxLooks}, 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.s.plan(tc.first)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.last, got.pairs(got.looks))
		})
	}
}
