package abrun

import (
	"bytes"
	"testing"

	"github.com/benchrig/benchrig/internal/gate"
	"github.com/stretchr/testify/assert"
)

func TestNewDecision(t *testing.T) {
	unit := func(name, u string, s gate.DecisionState) gate.Decision {
		return gate.Decision{Pkg: fakePkg, Name: name, Unit: u, State: s, Reason: string(s)}
	}
	w, o := RowID{fakePkg, "Work"}, RowID{fakePkg, "Other"}
	for _, tc := range []struct {
		name                       string
		ds                         []gate.Decision
		few                        int
		failing, undecided, passed []RowID
		code                       int
	}{
		{"one unit each", []gate.Decision{unit("Work", "ns/op", gate.DecidedFail), unit("Other", "ns/op", gate.DecidedPass)},
			0, []RowID{w}, nil, []RowID{o}, 0},
		{"a failing unit fails the row", []gate.Decision{unit("Work", "ns/op", gate.Undecided), unit("Work", "allocs/op", gate.DecidedFail)},
			0, []RowID{w}, nil, nil, 0},
		{"an undecided unit keeps the row open", []gate.Decision{unit("Work", "ns/op", gate.DecidedPass), unit("Work", "allocs/op", gate.Undecided)},
			0, nil, []RowID{w}, nil, 0},
		{"too few samples: insufficient", []gate.Decision{unit("Work", "ns/op", gate.Undecided)},
			1, nil, []RowID{w}, nil, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDecision(tc.ds, &gate.Report{Few: tc.few}, gate.Text)
			assert.ElementsMatch(t, tc.failing, d.Failing)
			assert.ElementsMatch(t, tc.undecided, d.Undecided)
			assert.ElementsMatch(t, tc.passed, d.Passed)
			assert.Equal(t, tc.code, d.Code)
		})
	}
	d := newDecision([]gate.Decision{unit("Work", "ns/op", gate.DecidedPass), unit("Work", "allocs/op", gate.Undecided)}, &gate.Report{}, gate.Text)
	assert.Equal(t, "ns/op: pass; allocs/op: undecided", d.Reasons[w])
}

func TestTrackerKeepsFirstDecision(t *testing.T) {
	w, o := RowID{fakePkg, "Work"}, RowID{fakePkg, "Other"}
	looks := []Decision{
		{Passed: []RowID{w}, Undecided: []RowID{o}, Reasons: map[RowID]string{w: "small MDE", o: "wide"}},
		{Failing: []RowID{w}, Undecided: []RowID{o}, Code: 1, Reasons: map[RowID]string{w: "stale data regressed", o: "wide"}},
		{Failing: []RowID{w}, Passed: []RowID{o}, Code: 1, Reasons: map[RowID]string{w: "stale", o: "last look"}},
	}
	var log bytes.Buffer
	tr := newTracker(schedule{first: 6, step: 6, looks: 3}, &log)
	for j, d := range looks {
		open := tr.update(&d, j+1)
		if j < 2 {
			assert.Equal(t, []RowID{o}, open, "look %d", j+1)
		} else {
			assert.Empty(t, open)
		}
	}
	d := tr.result()
	assert.Equal(t, 0, d.Code, "Work passed at look 1; its frozen samples are not judged again")
	assert.Equal(t, []RowID{w, o}, d.Passed)
	assert.Empty(t, d.Failing)
	assert.Equal(t, "benchrig: look 1 of 3: Work decided pass: small MDE\nbenchrig: look 1 of 3 at 6 pairs: 1 row(s) undecided\n"+
		"benchrig: look 2 of 3 at 12 pairs: 1 row(s) undecided\n"+
		"benchrig: look 3 of 3: Other decided pass: last look\nbenchrig: look 3 of 3 at 18 pairs: 0 row(s) undecided\n", log.String())
	assert.Equal(t, "\nDecisions after look 3 of 3 planned (18 pairs of the rows still undecided):\n  Work: pass (small MDE)\n  Other: pass (last look)\n", tr.table())
}
