package resultfile

// The one rule benchrig's result files, the harness and the gate share about
// units: which direction is better. A unit ending in "/s" (a rate: MB/s,
// io/s, adds/s) is higher-is-better; every other unit (ns/op, p99-ns,
// read-B/op, ...) is lower-is-better. The harness writes the rule into every
// result file as benchfmt "Unit <unit> better=higher|lower" metadata lines,
// and the gate reads those lines, falling back to this rule for a unit a file
// does not describe.

import "strings"

// Better values, as written in "Unit <unit> better=<value>" lines.
const (
	Higher = "higher"
	Lower  = "lower"
)

// Better returns [Higher] for a unit ending in "/s" and [Lower] for every
// other unit.
func Better(unit string) string {
	if strings.HasSuffix(unit, "/s") {
		return Higher
	}
	return Lower
}
