// Benchrun builds Go test binaries once and runs their benchmarks in
// fresh processes: repeatedly for one tree (run), in alternating pairs
// for two git revisions of any module, gated (ab), or against scaled
// copies of a calibration load (calibrate).
//
// Usage:
//
//	benchrun run [-count N] [-bench RE] [-short] [-benchtime D] [-pkg PATTERN] [LABEL]
//	benchrun ab A B [-count N] [-bench RE] [-pkg PATTERN] [-quiet D] [-budget D] [-target PCT] [-format F]
//	benchrun calibrate [-runs N] [-count N] [-benchtime D] [-quiet D]
//
// It works on the module in the current directory. -pkg defaults to
// ./bench/... in benchrig and ./... elsewhere. Results go to -results
// (default $BENCHRIG_RESULTS, else ./results): run writes LABEL.txt
// (LABEL defaults to $BENCHRIG_MACHINE, else the hostname, plus the date),
// ab writes ab-<A>-vs-<B>.a.txt and .b.txt and prints the gate's report.
// With -budget, ab samples sequentially: a look after the first -count
// pairs and then after every -count more pairs of the rows still
// undecided, at most 4 looks, with the gate's alpha spread over them by
// O'Brien–Fleming spending so the false-alarm rate stays at most alpha; a
// failing row is confirmed in fresh processes before ab exits 1.
// See package github.com/benchrig/benchrig/internal/abrun for the pairing,
// the quiet wait, the look schedule and the scratch rules.
//
// Exit status: 0 success (ab: no regression), 1 a regression (ab) or a
// failed benchmark (run), 2 usage, input or build error, 130 or 143 when
// interrupted by SIGINT or SIGTERM (worktrees and scratch are removed
// first; the last line says so, or names the dir that could not be removed
// and is left to the next run's sweep).
package main
