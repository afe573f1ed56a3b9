package modres

import (
	"maps"
	"slices"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// extraSums adds up extras over the ops of one cell.
type extraSums struct {
	sums    map[string]float64
	counts  map[string]int64
	missing map[string]string
}

func (e *extraSums) add(x extras) {
	if e.sums == nil {
		e.sums, e.counts, e.missing = map[string]float64{}, map[string]int64{}, map[string]string{}
	}
	for u, v := range x.Values {
		e.sums[u] += v
		e.counts[u]++
	}
	for u, why := range x.Missing {
		if _, ok := e.missing[u]; !ok {
			e.missing[u] = why
		}
	}
}

// report reports the mean of every unit measured on all ops ops, and
// notes once per tool why any other is missing.
func (e *extraSums) report(b *testing.B, tool string, ops int64) {
	b.Helper()
	units := slices.Sorted(maps.Keys(e.sums))
	for u := range e.missing {
		if !slices.Contains(units, u) {
			units = append(units, u)
		}
	}
	for _, u := range units {
		if why, ok := e.missing[u]; ok || e.counts[u] != ops {
			noteOnce(tool+"-"+u, u+" not reported for tool="+tool+": "+why)
			continue
		}
		harness.Report(b, e.sums[u]/float64(ops), u)
	}
}

// post runs the tool's Post after one op (untimed, not metered).
func post(b *testing.B, s *setup, t tool, e *extraSums) {
	b.Helper()
	if t.Post == nil {
		return
	}
	x, err := t.Post(s)
	if err != nil {
		b.Fatal(err)
	}
	e.add(x)
}
