// Benchgate is a regression gate for Go benchmark results that CI can
// trust: it exits 1 only when a benchmark got worse by more than a
// threshold and the change is statistically significant after correcting
// for the number of rows compared.
//
// Usage:
//
//	benchgate [flags] BASE HEAD
//	benchgate [flags] -calibrate A1 A2
//	benchgate -check FILE...
//
// BASE and HEAD are go test -bench output files (use -count 10), or the
// two files of an interleaved run (benchstat.sh ab), which carry "pair:"
// lines. Each row (pkg + full benchmark name without the -N GOMAXPROCS
// suffix) is tested on its time per op (ns/op), and counted metrics (B/op,
// allocs/op, read-B/op, majflt/op, ...) are tested as a family of their
// own; rates (MB/s, io/s, adds/s) are shown but not tested unless -units
// names them. The test is Yuen's trimmed t on per-pair log ratios for
// interleaved files, else the Mann-Whitney U test; p-values are adjusted
// with Holm–Bonferroni within each family. A row regresses when its median
// changed in the worse direction by more than -threshold and the adjusted p
// is below -alpha. Every tested row shows its minimum detectable effect
// (MDE) at this n and, paired, its pair correlation. Files that were not
// interleaved get a warning that drift between the runs is untested; rows
// measured on a busy machine (harness metrics other-cpus, steal-cpus,
// other-runs) are marked "(busy)". A file with an "interrupted:" line is
// refused. Direction: "Unit <u> better=higher|lower" lines, else a unit
// ending in /s is higher-is-better and any other unit lower-is-better. See
// package github.com/benchrig/benchrig/internal/gate for the full rule, the
// defined results for odd input and the JSON schema (version 2).
//
// Flags:
//
//	-alpha level         family-wise significance level (default 0.05)
//	-threshold list      worse change that fails: "5%" or "5%,p99-ns=20%" (default 5%)
//	-confidence level    level of the median intervals shown (default 0.95)
//	-filter query        benchproc filter, e.g. 'pkg:/directio/ /op:randread'
//	-units list          read and test only these units, e.g. ns/op,p99-ns
//	-row projection      benchproc projection naming a row (default .fullname)
//	-ignore keys         keys left out of row identity (default /gomaxprocs; none)
//	-format f            text, markdown (GitHub job summaries) or json
//	-cross-machine       allow files whose machine: or cpu: differ
//	-allow-few           report rows with < 6 samples a side as insufficient instead of exit 2
//	-calibrate           A/A mode: per-row noise, minimum detectable effect, suggested -threshold
//	-check               only check that each FILE is a whole, readable result file (exit 0 or 2);
//	                     benchstat.sh compare and machines run it before benchstat
//
// Exit status:
//
//	0  no regression (improvements and insignificant changes pass)
//	1  at least one regression
//	2  usage error; input error (named file:line: malformed line, NaN/Inf,
//	   empty file, no common rows, inconsistent pair data, an interrupted
//	   run, different machines without -cross-machine); or fewer than 6
//	   samples a side without -allow-few
//
// With -format markdown or json the one-line verdict also goes to stderr.
package main
