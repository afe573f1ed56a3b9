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

// Units describes every unit benchrig's result files carry, in the words
// the report uses; the direction of each is [Better]'s. A unit not here is
// shown in the report's raw numbers only, not charted or judged.
var Units = map[string]string{
	"ns/op":           "wall time of one operation",
	"MB/s":            "bytes per second",
	"io/s":            "completed I/O requests per second",
	"p50-ns":          "median request latency",
	"p99-ns":          "99th-percentile request latency",
	"p99.9-ns":        "99.9th-percentile request latency",
	"read-B/op":       "bytes that reached storage, read",
	"write-B/op":      "bytes that reached storage, written",
	"dev-reads/op":    "read requests completed by the scratch device",
	"majflt/op":       "major page faults",
	"minflt/op":       "minor page faults",
	"map-ns/op":       "time inside mmap() and madvise()",
	"touch-ns/op":     "time touching the mapped pages",
	"adds/s":          "atomic adds per second, all goroutines",
	"opens/op":        "files the go command opened",
	"maxrss-B/op":     "peak resident memory of the go command",
	"run-ns/op":       "wall time of running the built binary",
	"files/op":        "files the op created",
	OtherCPUsUnit:     "CPUs busy with other processes during the run",
	StealCPUsUnit:     "CPUs stolen by the hypervisor during the run",
	OtherRunsUnit:     "other benchrig runs active during the run",
	OtherDevReadsUnit: "share of the device's reads by other processes during the run",
	"dev-qd-mean":     "mean requests in flight on the scratch device",
	"dev-qd-p99":      "99th-percentile requests in flight on the scratch device (sampled each ms)",
}
