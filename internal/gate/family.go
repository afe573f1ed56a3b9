package gate

import (
	"fmt"
	"strings"
)

// Test families: each is corrected with Holm–Bonferroni on its own.
const (
	TimeFamily    = "time"    // time per op (sec/op), and units opted in with Options.Units
	CountedFamily = "counted" // counts per op: B/op, allocs/op, read-B/op, majflt/op, ...
)

// Busy thresholds (see the package doc): a row is flagged busy when, on
// either side, the median of other-cpus or steal-cpus reaches these, or any
// sample saw another benchrig run.
const (
	BusyOtherCPUs = 0.25
	BusyStealCPUs = 0.10
)

// The harness metrics that say how busy the machine was. They are never
// tested and never become rows.
const (
	otherCPUsUnit = "other-cpus"
	stealCPUsUnit = "steal-cpus"
	otherRunsUnit = "other-runs"
)

func isBusyUnit(unit string) bool {
	return unit == otherCPUsUnit || unit == stealCPUsUnit || unit == otherRunsUnit
}

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

// busyReasons says why one side of a row counts as busy, or nothing.
func busyReasons(side string, r *rowData) []string {
	var out []string
	if u := r.units[otherCPUsUnit]; u != nil {
		if m := median(u.values); m >= BusyOtherCPUs {
			out = append(out, fmt.Sprintf("%s: median other-cpus %.2f ≥ %.2f (other processes used the CPUs)", side, m, BusyOtherCPUs))
		}
	}
	if u := r.units[stealCPUsUnit]; u != nil {
		if m := median(u.values); m >= BusyStealCPUs {
			out = append(out, fmt.Sprintf("%s: median steal-cpus %.2f ≥ %.2f (the hypervisor took the CPUs)", side, m, BusyStealCPUs))
		}
	}
	if u := r.units[otherRunsUnit]; u != nil {
		mx := 0.0
		for _, v := range u.values {
			mx = max(mx, v)
		}
		if mx > 0 {
			out = append(out, fmt.Sprintf("%s: %g other benchrig run(s) in the same BENCHRIG_DIR", side, mx))
		}
	}
	return out
}
