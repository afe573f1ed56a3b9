package report

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

var inf = math.Inf(1)

func TestNear(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		center, lo, hi, claimed float64
		want                    bool
	}{
		{"inside", 10, 9, 11, 12, true},
		{"interval reaches the band", 3, 2, 6.3, 12.4, true},
		{"far below", 0.1, 0.09, 0.11, 12.4, false},
		{"far above", 100, 90, 110, 12.4, false},
		{"no CI: the median is judged", 7, -inf, inf, 12, true},
		{"no CI, median outside", 5, -inf, inf, 12, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, near(tc.center, tc.lo, tc.hi, tc.claimed))
		})
	}
}

func TestAbove(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Ratio
		want bool
	}{
		{"interval above 1", Ratio{2, 1.5, 2.5}, true},
		{"interval straddles 1", Ratio{1.2, 0.9, 1.5}, false},
		{"no CI, median above", Ratio{1.2, -inf, inf}, true},
		{"no CI, median below", Ratio{0.8, -inf, inf}, false},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, above(tc.r)) })
	}
}

// machineWith is a machine with one directio row of the given ns/op runs.
func machineWith(nsop ...float64) *Machine {
	m := newMachine("t")
	if len(nsop) > 0 {
		r := &Row{Family: "directio", Name: "DirectIO/op=randread/bs=4KiB/qd=1/io=direct/sync=none",
			Keys:   map[string]string{"op": "randread", "bs": "4KiB", "qd": "1", "io": "direct", "sync": "none"},
			Units:  []string{"ns/op"},
			Values: map[string][]float64{"ns/op": nsop}, Lines: []string{"f:1"}}
		m.Rows[r.ID()], m.Order = r, []string{r.ID()}
	}
	return m
}

func TestClaimVerdictFromData(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    *Machine
		want Verdict
	}{
		{"C8 holds at 12 ms", machineWith(12e6, 11e6, 13e6, 12e6, 12.5e6, 11.5e6), Holds},
		{"C8 does not hold at 0.1 ms", machineWith(1e5, 1.1e5, 0.9e5), DoesNotHold},
		{"C8 not testable without the row", machineWith(), NotTestable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c8 ClaimResult
			for _, c := range tc.m.Judge() {
				if c.ID == "C8" {
					c8 = c
				}
			}
			assert.Equal(t, tc.want, c8.Verdict)
			if tc.want == NotTestable {
				assert.Equal(t, "DirectIO: not run", c8.Missing)
				assert.NotEmpty(t, c8.Would, "a claim that cannot be tested says what would test it")
			}
		})
	}
}

func TestEveryClaimSaysWhatWouldTestIt(t *testing.T) {
	assert.Len(t, Claims, 12)
	for i, c := range Claims {
		assert.Equal(t, fmt.Sprintf("C%d", i+1), c.ID)
		assert.NotEmpty(t, c.Would, c.ID)
		assert.NotEmpty(t, c.Tests, c.ID)
	}
}

func TestFindPrefersTheLargestTree(t *testing.T) {
	d := readData(t, "testdata/reference.txt")
	r := d.Machines[0].find("modres", "tool=build", "mode=mod", "cache=warm")
	if assert.NotNil(t, r) {
		assert.Equal(t, "100", r.Keys["modules"])
	}
	assert.Nil(t, d.Machines[0].find("modres", "tool=nope"))
}
