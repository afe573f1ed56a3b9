package report

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Busy says why the row was measured on a busy machine, or "" when it was
// not, by the result-file package's one busy rule (the gate's too).
func (r *Row) Busy() string { return strings.Join(resultfile.Busy(r.Values), "; ") }

// find returns the row of family on m whose name has every key=value of
// want: of several, the one on the most realistic module tree (see
// treeRank), else the first. It returns nil when there is none.
func (m *Machine) find(family string, want ...string) *Row {
	var best *Row
	for _, id := range m.Order {
		r := m.Rows[id]
		if r.Family == family && r.has(want) && (best == nil || treeRank(r) > treeRank(best)) {
			best = r
		}
	}
	return best
}

// treeRank orders modres trees by how close they are to a real project:
// tree=own (the user's module) first, then the realistic preset
// tree=service, then tree=small; files from before the tree axis rank by
// their modules=N key. Other rows rank 0.
func treeRank(r *Row) int {
	switch r.Keys["tree"] {
	case "own":
		return 3 << 20
	case "service":
		return 2 << 20
	case "small":
		return 1 << 20
	}
	n, _ := strconv.Atoi(r.Keys["modules"])
	return min(n, 1<<20-1)
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

// skipFor returns the skip reason of a missing row of family with the
// keys want, or "not run".
func (m *Machine) skipFor(family string, want ...string) string {
	names := make([]string, 0, len(m.Skips))
	for name := range m.Skips {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasPrefix(name, familyBench[family]+"/") && (&Row{Keys: nameKeys(benchfmt.Name("Benchmark" + name))}).has(want) {
			return m.Missing(name)
		}
	}
	return "not run"
}

// familyBench is the benchmark each family's rows start with.
var familyBench = map[string]string{
	"directio":   "DirectIO",
	"mmap":       "Mmap",
	"falseshare": "FalseSharing",
	"modres":     "Resolve",
}

// Families are the families the report has headlines and charts for, in
// page order.
var Families = []string{"directio", "mmap", "falseshare", "modres"}
