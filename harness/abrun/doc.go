// Package abrun builds Go test binaries once and runs their benchmarks
// many times, each sample in a fresh process: Run for one tree, AB for two
// git revisions of any module, compared in pairs and gated with
// harness/gate. It is the library behind cmd/benchrun and the run and ab
// commands of benchstat.sh.
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
// which the gate reads to pair the samples. Packages present on one side
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
// With Sampling.Budget set (benchrun ab -budget 10m -target 5%), AB first
// runs Sampling.Count pairs of everything, then asks its Decider which
// rows are still undecided and runs more pairs (Count/2, even, at least 2)
// of only those rows: a -test.bench regexp built from them (one
// alternative per row, each sub-benchmark level anchored and quoted), in
// only their packages. It stops when every row is decided or the next
// step would overrun the budget (estimated from the last step's time per
// pair); undecided rows are then named on stderr. Rows that fail are
// confirmed before the gate fails: Count fresh pairs of just those rows
// go to <stem>.confirm.a.txt and .confirm.b.txt, the Decider judges them
// alone, and only rows that regress in both samples fail. Every look at
// the data is a chance of a false alarm; requiring the independent
// confirming sample to regress as well bounds the rate by the product of
// the two looks' rates.
//
// GateDecider decides with gate.Compare at threshold -target: a row is
// decided when every unit of it is regressed, improved or within the
// threshold, or shows no change with |change| plus both medians' CI
// half-widths within the threshold (so a change of -target could not hide
// in the noise); a row with too few samples is undecided. Any Decider can
// replace it, e.g. one built on a per-row decision API of the gate.
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
// (.lock) that is flock-ed for the life of the command. It is removed on
// every return, cancellation included (git worktree remove, then the dir,
// then git worktree prune). A command killed with SIGKILL leaves it; the
// next command, or the next benchmark run (the harness sweeps run-* dirs
// whose lock is free), removes it, and git worktree prune forgets its
// worktrees. Children run in their own process group with a parent-death
// signal (internal/child), so a cancelled command interrupts them (SIGINT
// to their group) and a killed one takes them along. A results file whose
// run was cancelled ends with the note
//
//	# benchrig: interrupted: the run was stopped by a signal; the results before this line are incomplete
package abrun
