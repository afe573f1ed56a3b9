// Command benchreport writes a report of benchrig result files: one
// self-contained HTML page (inline CSS and SVG charts, no scripts, no
// network) and, with -md, the same findings in markdown for a CI job
// summary.
//
// Usage:
//
//	benchreport FILE... [-ref FILE] [-o report.html] [-md report.md]
//
// Each FILE is the output of go test -run '^$' -bench . ./bench/... (or
// ./benchstat.sh run), config lines included. Per machine (the machine:
// config line, set with BENCHRIG_MACHINE) the page has the system table,
// one plain-words headline per finding with its median and 95% confidence
// interval, linked to the rows it comes from, the verdicts on a published
// set of claims about Go and hardware, and the raw numbers. Across
// machines it shows each row as a ratio to the reference machine (-ref,
// default the first file's) and one chart per family. -md - writes the
// markdown to stdout. What was read (files, results, rows, machines) goes
// to stderr.
//
// A typical session, on each machine and then once:
//
//	go test -run '^$' -bench . -count 6 ./bench/... > mine.txt
//	go run ./cmd/benchreport mine.txt internal/report/testdata/reference.txt -o report.html
//
// Exit status: 0 written, 1 writing failed, 2 bad flags or input (named
// file:line). See package internal/report for how numbers and verdicts are
// computed.
package main
