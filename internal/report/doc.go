// Package report turns benchrig result files into a page a person reads:
// what each machine does to the Go dev loop, the machines side by side,
// charts, and verdicts on published claims. "benchrig report" is its
// command.
//
// # Input
//
// Result files are go test -bench output with benchrig's config lines,
// read through internal/resultfile (over golang.org/x/perf/benchfmt);
// results are grouped by their machine: line (several files may hold one
// machine) and rows are matched across machines by package and full name
// without the -N GOMAXPROCS suffix (resultfile.RowName). A file resultfile refuses
// (empty, cut short, a malformed, non-UTF-8 or over-long line) or with a
// result without a machine: line is refused, naming file:line, so the
// pages are always valid UTF-8. A harness note spliced into a result line
// is recovered. Skipped
// benchmarks are read from the harness's stderr note "# benchrig: skip
// BenchmarkName: reason" or go test's "--- SKIP: BenchmarkName" and the
// reason line after it; a row a machine lacks is shown with that reason,
// or "not run", never as zero. An "interrupted: SIGNAL" config line, files
// of different benchrig versions and units the report does not know are
// listed as notes naming file:line.
//
// # Numbers
//
// Every number is the median of a row's runs with its 95% confidence
// interval (benchmath, assuming nothing about the distribution); with
// fewer than 6 runs there is no interval and the page says "no CI". A
// ratio to the reference machine has a conservative interval: the low end
// of one interval over the high end of the other, and the reverse. A row
// is flagged as measured on a busy machine by the gate's rule, which the
// result-file package holds: the median of its other-cpus ≥ 0.25 or of its
// steal-cpus ≥ 0.10, or any run saw another benchrig run (other-runs > 0).
//
// # Charts
//
// One chart per family (gonum.org/v1/plot, SVG inlined in the page): a
// horizontal bar per machine and row for the median, whiskers for a finite
// interval, a text label where the row is missing; a log axis when the
// largest value is more than LogSpread times the smallest. Families with
// latency percentiles (p50-ns, p99-ns, p99.9-ns) get a second chart of
// them.
//
// # Trends
//
// With [Page.AddTrends] the page gets a trend chart per family from a
// history store's series, handed over as plain [Trend] data (this package
// reads no database): the family's first headline row in its compared
// unit, else its first row, as the title says; per commit the median with
// its interval as an error bar where finite, one line per machine, and a
// dashed vertical line at the first commit of each new level, its change
// in percent in the legend. The markdown gets one line per family.
//
// # Claim verdicts
//
// Each family declares its sentences and the claims it judges in
// bench/<family>/family.toml (go doc ./bench, "What the report says");
// this package holds no family of its own. Each of [Claims] names the rows
// that test it and a rule: a claimed
// number holds when the measured interval (or, without one, the median)
// overlaps a factor-of-[Band] band around it; a claimed direction ("a is
// slower than b") holds when the ratio's interval lies above 1. A claim
// whose rows are absent on a machine, or that no benchrig row measures, is
// "not testable here", with what would test it.
package report
