package resultfile

import (
	"bytes"

	"golang.org/x/perf/benchfmt"
)

// RowName is a benchmark's row identity within its package: its full name
// (sub-benchmark keys included, "Benchmark" left off as benchfmt does)
// without the "-N" GOMAXPROCS suffix, so rows match across machines with
// different CPU counts. With the package (the pkg: config line) it
// identifies a row everywhere benchrig compares or stores results.
func RowName(n benchfmt.Name) string {
	base, parts := n.Parts()
	var b bytes.Buffer
	b.Write(base)
	for _, p := range parts {
		if len(p) > 0 && p[0] == '-' {
			continue // GOMAXPROCS, always last
		}
		b.Write(p)
	}
	return b.String()
}
