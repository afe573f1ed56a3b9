package gate

import (
	"strings"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// Test families: each is corrected with Holm–Bonferroni on its own.
const (
	TimeFamily    = "time"    // time per op (sec/op), and units opted in with Options.Units
	CountedFamily = "counted" // counts per op: B/op, allocs/op, read-B/op, majflt/op, ...
)

// Busy thresholds: the result-file package's one busy rule (see the
// package doc).
const (
	BusyOtherCPUs = resultfile.BusyOtherCPUs
	BusyStealCPUs = resultfile.BusyStealCPUs
)

func isBusyUnit(unit string) bool { return resultfile.IsBusyUnit(unit) }

// family is the test family of a unit (orig as written, tidy as benchfmt
// tidied it), or "" for a unit only reported. explicit means Options.Units
// chose the units, which tests every one; hasTime that the row reports
// time per op, of which its rates (units ending in /s) are transforms.
func family(orig, tidy string, explicit, hasTime bool) string {
	counted := strings.HasSuffix(orig, "/op") && !isTime(orig, tidy)
	switch {
	case counted:
		return CountedFamily
	case explicit || tidy == "sec/op" || !hasTime && strings.HasSuffix(orig, "/s"):
		return TimeFamily
	}
	return ""
}

// hasTime reports whether a row reports time per op.
func hasTime(r *rowData) bool {
	for _, u := range r.units {
		if u.tidy == "sec/op" {
			return true
		}
	}
	return false
}

// isTime reports whether a unit measures time: sec/... after tidying, or a
// name ending in ns (p99-ns, map-ns/op).
func isTime(orig, tidy string) bool {
	return strings.HasPrefix(tidy, "sec/") || strings.HasSuffix(strings.TrimSuffix(orig, "/op"), "ns")
}

// busyReasons says why one side of a row counts as busy, or nothing, by
// the result-file package's one busy rule.
func busyReasons(side string, r *rowData) []string {
	values := map[string][]float64{}
	for unit, u := range r.units {
		if isBusyUnit(unit) {
			values[unit] = u.values
		}
	}
	var out []string
	for _, why := range resultfile.Busy(values) {
		out = append(out, side+": "+why)
	}
	return out
}
