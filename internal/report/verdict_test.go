package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, aboveX(tc.r, 1)) })
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
			c8 := judged(t, tc.m, "C8")
			assert.Equal(t, tc.want, c8.Verdict)
			if tc.want == NotTestable {
				assert.Equal(t, "DirectIO: not run; "+ClaimsRun, c8.Missing)
				assert.NotEmpty(t, c8.Would, "a claim that cannot be tested says what would test it")
			}
		})
	}
}

func TestEveryClaimSaysWhatWouldTestIt(t *testing.T) {
	claims := newMachine("t").Judge()
	assert.Len(t, claims, 12)
	for i, c := range claims {
		assert.Equal(t, fmt.Sprintf("C%d", i+1), c.ID)
		assert.NotEmpty(t, c.Would, c.ID)
		assert.NotEmpty(t, c.Tests, c.ID)
	}
}

func TestFindPrefersTheLargestTree(t *testing.T) {
	row := func(keys string) *Row { return modresRow(keys, map[string][]float64{"ns/op": six(1e8)}) }
	for _, tc := range []struct {
		name string
		rows []string // sub-benchmark keys, in file order
		want string   // the keys of the row find picks
	}{
		{"own over the presets", []string{"tool=build/mode=mod/tree=small/cache=warm", "tool=build/mode=mod/tree=own/cache=warm", "tool=build/mode=mod/tree=service/cache=warm"}, "tool=build/mode=mod/tree=own/cache=warm"},
		{"service over small", []string{"tool=build/mode=mod/tree=small/cache=warm", "tool=build/mode=mod/tree=service/cache=warm"}, "tool=build/mode=mod/tree=service/cache=warm"},
		{"more modules, before trees had names", []string{"tool=build/mode=mod/modules=100/cache=warm", "tool=build/mode=mod/modules=10/cache=warm"}, "tool=build/mode=mod/modules=100/cache=warm"},
		{"a named tree over modules=N", []string{"tool=build/mode=mod/modules=100/cache=warm", "tool=build/mode=mod/tree=small/cache=warm"}, "tool=build/mode=mod/tree=small/cache=warm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows []*Row
			for _, k := range tc.rows {
				rows = append(rows, row(k))
			}
			m := machineOf(rows...)
			r := m.find(familyOf("modres"), "tool=build", "mode=mod", "cache=warm")
			require.NotNil(t, r)
			assert.Equal(t, "Resolve/"+tc.want, r.Name)
			assert.Nil(t, m.find(familyOf("modres"), "tool=nope"))
		})
	}
}

// modresRow is a modres row named by its sub-benchmark keys, with the
// given runs per unit.
func modresRow(keys string, values map[string][]float64) *Row {
	r := &Row{Family: "modres", Name: "Resolve/" + keys, Keys: map[string]string{}, Values: values, Lines: []string{"f:1"}}
	for kv := range strings.SplitSeq(keys, "/") {
		k, v, _ := strings.Cut(kv, "=")
		r.Keys[k] = v
	}
	for u := range values {
		r.Units = append(r.Units, u)
	}
	slices.Sort(r.Units)
	return r
}

func machineOf(rows ...*Row) *Machine {
	m := newMachine("t")
	for _, r := range rows {
		m.Rows[r.ID()] = r
		m.Order = append(m.Order, r.ID())
	}
	return m
}

// six is six runs around v (±1%), enough for a confidence interval.
func six(v float64) []float64 {
	return []float64{v * 0.99, v, v * 1.01, v * 0.995, v * 1.005, v}
}

func TestModresClaimVerdicts(t *testing.T) {
	rebuild := func(ns, rss float64) *Row {
		return modresRow("tool=rebuild/mode=mod/tree=small/cache=warm/gocache=disk", map[string][]float64{"ns/op": six(ns), "maxrss-B/op": six(rss)})
	}
	clean := func(mode string, ns float64) *Row {
		return modresRow("tool=build/mode="+mode+"/tree=service/cache=clean/gocache=disk", map[string][]float64{"ns/op": six(ns)})
	}
	warm := func(mode string, opens float64) *Row {
		return modresRow("tool=build/mode="+mode+"/tree=service/cache=warm/gocache=disk", map[string][]float64{"ns/op": six(1e8), "opens/op": six(opens)})
	}
	gc := func(tool, cache, gocache string, ns float64) *Row {
		return modresRow("tool="+tool+"/mode=mod/tree=service/cache="+cache+"/gocache="+gocache, map[string][]float64{"ns/op": six(ns)})
	}
	for _, tc := range []struct {
		name, claim string
		m           *Machine
		want        Verdict
	}{
		{"C1 holds at 300 ms and 50 MB", "C1", machineOf(rebuild(300e6, 50e6)), Holds},
		{"C1 does not hold at 2 s", "C1", machineOf(rebuild(2e9, 50e6)), DoesNotHold},
		{"C1 not testable without tree=small", "C1", machineOf(gc("rebuild", "warm", "disk", 1e9)), NotTestable},
		{"C2 holds at 45 MB", "C2", machineOf(rebuild(300e6, 45e6)), Holds},
		{"C2 does not hold at 500 MB", "C2", machineOf(rebuild(300e6, 500e6)), DoesNotHold},
		{"C6 holds at 4x and 6x the opens", "C6", machineOf(clean("vendor", 8e9), clean("mod", 2e9), warm("vendor", 12000), warm("mod", 2000)), Holds},
		{"C6 time alone without opens", "C6", machineOf(clean("vendor", 8e9), clean("mod", 2e9)), Holds},
		{"C6 does not hold at 1x", "C6", machineOf(clean("vendor", 2e9), clean("mod", 2e9)), DoesNotHold},
		{"C6 does not hold when the opens are equal", "C6", machineOf(clean("vendor", 8e9), clean("mod", 2e9), warm("vendor", 2000), warm("mod", 2000)), DoesNotHold},
		{"C6 not testable without clean", "C6", machineOf(warm("vendor", 2000), warm("mod", 2000)), NotTestable},
		{"C11 holds when tmpfs is 1.5x faster (rebuild)", "C11", machineOf(gc("rebuild", "warm", "disk", 3e9), gc("rebuild", "warm", "tmpfs", 2e9)), Holds},
		{"C11 does not hold at 1.02x", "C11", machineOf(gc("rebuild", "warm", "disk", 2.04e9), gc("rebuild", "warm", "tmpfs", 2e9)), DoesNotHold},
		{"C11 prefers the edit-build loop", "C11", machineOf(gc("rebuild", "warm", "disk", 3e9), gc("rebuild", "warm", "tmpfs", 2e9), gc("build", "clean", "disk", 2e10), gc("build", "clean", "tmpfs", 2e10)), Holds},
		{"C11 falls back to the clean build", "C11", machineOf(gc("build", "clean", "disk", 2e10), gc("build", "clean", "tmpfs", 2e10)), DoesNotHold},
		{"C11 not testable without tmpfs rows", "C11", machineOf(gc("rebuild", "warm", "disk", 3e9)), NotTestable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := judged(t, tc.m, tc.claim)
			assert.Equal(t, tc.want, got.Verdict, "number: %s; missing: %s", got.Number, got.Missing)
		})
	}
}

// judged returns claim id's result on m, failing t when m has no such claim.
func judged(t *testing.T, m *Machine, id string) ClaimResult {
	t.Helper()
	for _, c := range m.Judge() {
		if c.ID == id {
			return c
		}
	}
	require.Failf(t, "no claim", "%s is not among the claims", id)
	return ClaimResult{}
}
