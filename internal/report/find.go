package report

import (
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Busy says why the row was measured on a busy machine, or "" when it was
// not, by the result-file package's one busy rule (the gate's too).
func (r *Row) Busy() string { return strings.Join(resultfile.Busy(r.Values), "; ") }

// find returns the row of family f on m whose name has every key=value of
// want: of several, the most realistic by the family's rank rule, else the
// first. It returns nil when there is none.
func (m *Machine) find(f *Family, want ...string) *Row {
	var best *Row
	for _, id := range m.Order {
		r := m.Rows[id]
		if r.Family == f.Name && r.has(want) && (best == nil || f.rank(r) > f.rank(best)) {
			best = r
		}
	}
	return best
}

// findAll returns every row of f on m with the keys want, the most
// realistic first.
func (m *Machine) findAll(f *Family, want ...string) []*Row {
	var rows []*Row
	for _, id := range m.Order {
		if r := m.Rows[id]; r.Family == f.Name && r.has(want) {
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b *Row) int { return f.rank(b) - f.rank(a) })
	return rows
}

func (r *Row) has(want []string) bool {
	for _, kv := range want {
		k, v, _ := strings.Cut(kv, "=")
		if r.Keys[k] != v {
			return false
		}
	}
	return true
}

// skipFor returns the skip reason of a missing row of f with the keys
// want, or "not run".
func (m *Machine) skipFor(f *Family, want ...string) string {
	names := make([]string, 0, len(m.Skips))
	for name := range m.Skips {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasPrefix(name, f.Benchmark+"/") && (&Row{Keys: nameKeys(benchfmt.Name("Benchmark" + name))}).has(want) {
			return m.Missing(name)
		}
	}
	return "not run"
}
