package resultfile

import (
	"fmt"
	"slices"
)

// The harness units that say how busy the machine was while a row was
// measured. They are never tested and never become rows of their own.
const (
	OtherCPUsUnit = "other-cpus"
	StealCPUsUnit = "steal-cpus"
	OtherRunsUnit = "other-runs"
	// OtherDevReadsUnit is the share of the device's read bytes that the
	// measured processes did not read (modres's queue-depth cells).
	OtherDevReadsUnit = "other-dev-reads"
)

// The busy rule's limits: a row was measured on a busy machine when the
// median of its other-cpus samples reaches BusyOtherCPUs, the median of its
// steal-cpus samples reaches BusyStealCPUs, the median of its
// other-dev-reads samples reaches BusyOtherDevReads, or any sample saw
// another benchrig run.
const (
	BusyOtherCPUs = 0.25
	BusyStealCPUs = 0.10
	// BusyOtherDevReads: a quarter of the device's reads were another
	// process's, so the device's queue was not the op's alone.
	BusyOtherDevReads = 0.25
)

// IsBusyUnit reports whether unit is one of the busy units.
func IsBusyUnit(unit string) bool {
	return unit == OtherCPUsUnit || unit == StealCPUsUnit || unit == OtherRunsUnit || unit == OtherDevReadsUnit
}

// Busy applies the one busy rule to a row's samples by unit and says why
// the row counts as measured on a busy machine; nothing when it does not.
// The gate and the report both use it.
func Busy(values map[string][]float64) []string {
	var out []string
	if v := values[OtherCPUsUnit]; len(v) > 0 {
		if m := median(v); m >= BusyOtherCPUs {
			out = append(out, fmt.Sprintf("median other-cpus %.2f ≥ %.2f (other processes used the CPUs)", m, BusyOtherCPUs))
		}
	}
	if v := values[StealCPUsUnit]; len(v) > 0 {
		if m := median(v); m >= BusyStealCPUs {
			out = append(out, fmt.Sprintf("median steal-cpus %.2f ≥ %.2f (the hypervisor took the CPUs)", m, BusyStealCPUs))
		}
	}
	if v := values[OtherDevReadsUnit]; len(v) > 0 {
		if m := median(v); m >= BusyOtherDevReads {
			out = append(out, fmt.Sprintf("median other-dev-reads %.2f ≥ %.2f (other processes read from the device)", m, BusyOtherDevReads))
		}
	}
	if v := values[OtherRunsUnit]; len(v) > 0 {
		if mx := slices.Max(v); mx > 0 {
			out = append(out, fmt.Sprintf("%g other benchrig run(s) in the same BENCHRIG_DIR", mx))
		}
	}
	return out
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
