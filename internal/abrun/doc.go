// Package abrun builds Go test binaries once and runs their benchmarks
// many times, each sample in a fresh process: Run for one tree, AB for two
// git revisions of any module, compared in pairs and gated with
// internal/gate. It is the library behind the run, ab and power commands
// of cmd/benchrig.
//
// # Builds
//
// Build lists the packages of a pattern that have test files (go list) and
// builds each one's test binary once (go test -c), stamped with
// -ldflags "-X github.com/benchrig/benchrig/harness.buildRevision=REV",
// REV being the first 12 hex digits of the commit ("-dirty" for a tree
// with uncommitted changes): the binaries run long after the build, and
// the harness reports REV as the benchrig: config value. Each binary runs
// from its package directory, with -test.run '^$' -test.count 1.
//
// # Pairs
//
// AB checks both revisions out with git worktree add --detach and runs
// their binaries in pairs. In pair k each package runs once per side, A
// first when k is odd and B first when k is even, each side in a fresh
// process. Before each side's output of pair k the results file gets the
// config lines
//
//	pair: <k>
//	pair-order: ab|ba
//
// which the gate reads to pair the samples. Each side's output of a pair
// is held until both sides ran, so a pair in the files always has both.
// When a benchmark fails (mmap's cache=warm check refuses a loop in which
// a page of its file came from storage, say), the pair's failed output is
// dropped and the pair runs again, once: a note in both files and on
// stderr names the failure. A benchmark that fails again fails the run
// (exit 2) with its output in the files. Packages present on one side
// only are named on stderr and not run. The files are
// <results>/ab-<A>-vs-<B>.a.txt and .b.txt (12-digit commits).
//
// With Quiet.Max set, AB waits before each pair, up to Quiet.Max, until
// the machine is quiet: at most 10% of all CPU time busy over one second
// (the aggregate cpu line of /proc/stat), as the Go performance builders
// wait for a low load average. The wait and the load are written as a
// "# benchrig:" note into both files and on stderr. Off Linux the load is
// unknown: a note says so and nothing waits.
//
// # Adaptive sampling
//
// With Sampling.Budget set (benchrig ab -budget 10m -target 5%), AB
// samples in a group-sequential design: Lan–DeMets alpha spending with
// the O'Brien–Fleming-type function α(t) = 2 − 2Φ(z(1−α/2)/√t), as
// gate.Decide implements it. The schedule of looks is fixed before the
// first decision:
//
//   - Look 1 is after Sampling.Count pairs of every row.
//   - Each later look is after Step more pairs (by default Count, rounded
//     up to even so both pair orders occur equally) of only the rows still
//     undecided: a -test.bench regexp built from them (one alternative per
//     row, each sub-benchmark level anchored and quoted), in only their
//     packages. Look j is then at about j·Count pairs, the equally spaced
//     information t = j/K the spending function assumes.
//   - The number of looks K is 1 plus the steps the budget left after the
//     first round pays for at the first round's time per pair (later
//     rounds run fewer rows, so they cost less), at most MaxLooks (4). A
//     budget the first round already spends gives K = 1: one comparison
//     at the full alpha. With -count 10 and a first round of 2m, -budget
//     10m plans 4 looks, at 10, 20, 30 and 40 pairs.
//
// At look j every row is decided by gate.Decide at plan {Target, j, K}:
// fail when it regressed at that look's share of alpha, pass when it did
// not and its MDE at that level is at most the target (or at look K,
// whatever its MDE, with a caveat), undecided otherwise. A decided row is
// not sampled again and keeps its decision. Sampling stops when every row
// is decided or look K is taken. When the clock says the next step would
// overrun the budget (a later round was slower than the first), AB stops
// early, says on stderr how many looks and pairs it took instead of the
// plan, and reports the rows still undecided as undecided: no regression
// was found at the alpha spent so far, and the gate passes them.
//
// What it guarantees: the looks' shares of alpha add up to alpha, and
// within a look Holm–Bonferroni covers the rows, so by the union bound
// the probability that any unchanged row is decided fail over the whole
// sequence is at most alpha (0.05), whatever the correlation between
// looks, however many rows stop early, and also when fewer looks than
// planned are taken (unspent alpha only lowers it). What it assumes: the
// pairs are exchangeable from look to look (the machine's noise does not
// change in character while the budget runs) and each look tests the
// paired samples the gate reads; the spacing of the looks affects only
// how the alpha is spread over them (power), not the bound. The gate's
// simulation of the design (300 interleaved A/A suites of 20 rows, 4
// looks, internal/gate) requires false alarms in at most 1% of suites;
// docs/validation.md has the rate it measured, and the rate when every
// look spends the whole alpha.
//
// Rows that fail are confirmed before the gate fails: as many fresh pairs
// of just those rows as the last look had (at least Count) go to <stem>.confirm.a.txt and .confirm.b.txt, the
// Decider judges them alone at look 1 of 1 (the full alpha), and only
// rows that fail in both samples fail the gate. The confirmation runs
// after the budget, on top of it. Without a budget AB runs Count pairs
// and gates once, look 1 of 1, with no confirmation.
//
// With a budget the report is the gate's at the last look, followed by
// each row's decision and the look it was taken at, then the
// confirmation; with -format json stdout stays the one JSON report and
// the rest goes to stderr.
//
// GateDecider is the Decider on gate.Decide; its Target is the plain
// percentage of -target, and -target's per-unit thresholds apply to the
// units they name. gate.Decide fails a row whose slowdown is significant
// and larger than half the target (gate.FloorShare) and passes a row early
// only once its MDE at 95% power (gate.DecidePower) is at most the target,
// so a regression of the target's size is caught at least 19 times in 20
// at that look, and again when confirmed.
//
// # Calibration
//
// Calibrate answers "what can this runner gate?". Its load
// (testdata/calib, copied into a module of its own in the work dir and
// built once) is BenchmarkCalib/load=cpu, 1000 SHA-256 hashes of a 1 KiB
// block per op, and /load=syscall, 1000 getpid calls per op, both scaled
// by BENCHRIG_CALIB_SCALE (rounded to whole calls, so 1.03 is exactly
// +3%). For scale 1.00 and each effect (default 1.03, 1.05, 1.10) it runs
// Runs comparisons of the load at 1.00 (A) against the load at that scale
// (B), paired, sampled and decided exactly as AB does, and prints per
// effect how many comparisons the gate failed: false alarms at 1.00,
// caught/N (power) at the others, the same per row, and the median wall
// time of one comparison. The files stay in <results>/calibrate.
//
// # Scratch
//
// Binaries and worktrees live in one work dir,
// BENCHRIG_DIR/run-benchrun-<timestamp>-<pid>, beside a lock file
// (.lock) that is flock-ed for the life of the command. Every go command
// the runner starts (go env, go list, go test -c) runs with GOTMPDIR and
// TMPDIR at gotmp/ in it, so its go-build work dirs and its tools'
// temporary files are there too, and the test binaries run with TMPDIR at
// tmp/ in it. The dir is removed on every return, cancellation included
// (git worktree remove; after a cancellation the processes still using the
// dir are killed; then the dir, then git worktree prune); when it cannot
// be removed, a cancelled command's error says so ([CleanupError]) and a
// finished one's warns. A command killed with SIGKILL leaves it; the
// next command, or the next benchmark run (the harness sweeps run-* dirs
// whose lock is free, killing the processes still using them), removes it,
// and git worktree prune forgets its worktrees. Children run in their own process group with a parent-death
// signal (internal/child), so a cancelled command interrupts them (SIGINT
// to their group) and a killed one takes them along. A results file whose
// run was cancelled ends with an interrupted: line, which closes its last
// block (see internal/resultfile), and the note
//
//	interrupted: sigint
//	# benchrig: interrupted: the run was stopped by a signal; the results before this line are incomplete
package abrun
