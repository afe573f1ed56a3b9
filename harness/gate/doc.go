// Package gate compares two Go benchmark result files and decides whether
// the second (head) regressed against the first (base). It is the library
// behind cmd/benchgate and "benchstat.sh gate".
//
// Reading, grouping and statistics come from golang.org/x/perf: files are
// streamed one line at a time with benchfmt.Reader (nothing is slurped;
// only the per-row samples are kept), rows are formed with benchproc
// projections and filters, and each side is summarized and compared with
// benchmath.AssumeNothing: the median with its confidence interval, and
// the two-sided Mann-Whitney U test.
//
// # Rows
//
// A row is a benchmark of one package: the "pkg" config key plus the
// Options.Row projection (default ".fullname"), minus the Options.Ignore
// keys (default "/gomaxprocs", so BenchmarkX-2 and BenchmarkX-4 match).
// Other config keys (machine, cpu, kernel, ...) never split rows. Every
// unit of a row is judged on its own ("row×unit"). Values are compared in
// the unit the file wrote (ns/op stays ns/op). A row or unit present on
// one side only is listed under only_in_base / only_in_head and is not
// compared; it does not fail the gate.
//
// # The regression rule
//
// A row×unit is a regression when both hold:
//
//   - its median moved in the worse direction by more than the threshold
//     for its unit: (head-base)/|base| beyond -threshold (default 5%,
//     per unit overridable: "5%,p99-ns=20%");
//   - the Mann-Whitney U test is significant at -alpha (default 0.05)
//     after Holm–Bonferroni correction over every row×unit compared (the
//     adjusted p is below alpha).
//
// "Worse" follows "Unit <unit> better=higher|lower" lines in the files
// and otherwise the benchrig rule: a unit ending in "/s" is
// higher-is-better, every other unit lower-is-better. The same change in
// the better direction is an improvement, reported but never failing.
// Statuses: regressed, improved, within-threshold (significant but small),
// no-change (not significant), insufficient (too few samples).
//
// # Sample size
//
// A row×unit needs at least MinSamples (6) samples a side to be tested
// (below that no two-sided test at the usual alpha survives correction).
// Such rows are listed with a note; the verdict is "insufficient" (exit 2)
// unless Options.AllowFew, which reports them as "insufficient" and lets
// the other rows decide. When the number of comparisons m is so large
// that even a perfect separation at the smallest n cannot beat alpha/m, a
// warning says so.
//
// # Machines
//
// Files whose "machine" or "cpu" config differs are refused (an input
// error naming both places) unless Options.CrossMachine. Other config
// differences (kernel, goversion, benchrig, ...) are listed in
// config_diffs.
//
// # Defined results for odd input
//
//   - Empty file, or no Benchmark lines: input error "no benchmark results".
//   - Malformed line (benchfmt.SyntaxError), bad or contradicting
//     "Unit ... better=" metadata, a NaN or ±Inf value, a unit reported
//     twice on one line, a line over 64KiB: input error at file:line.
//     Up to 20 errors are collected.
//   - -filter/-units keep nothing, or no row is on both sides: input error.
//   - All samples equal on both sides: no-change, change 0, with a note.
//     Constant but different sides are tested normally (the U test
//     separates them perfectly), so 100→110 ns/op is a regression.
//   - A base median of 0 with a non-zero head median: change is null
//     (infinite) and counts as beyond any threshold.
//   - A row whose results on one side differ in a residue key (config
//     keys, or two GOMAXPROCS values merged by -ignore) gets a note.
//   - Rows with a unit on only some lines use the lines that report it.
//
// # Exit codes (cmd/benchgate)
//
// 0 no regression; 1 at least one regression; 2 usage or input error, or
// insufficient samples without -allow-few. Report.ExitCode gives 0, 1 or 2
// for a report; errors from Compare mean 2.
//
// # JSON schema (version 1)
//
// -format json writes one object (Report):
//
//	{
//	  "version": 1,                      // SchemaVersion; bumped on incompatible change
//	  "kind": "compare",
//	  "base": {"name": "base.txt", "results": 40, "kept": 40, "rows": 4},
//	  "head": {...same...},
//	  "alpha": 0.05, "threshold": "5%,p99-ns=20%", "confidence": 0.95,
//	  "compared": 10,                    // Holm–Bonferroni family size m
//	  "config_diffs": [{"key": "kernel", "base": "6.8.0", "head": "6.1.0"}],
//	  "rows": [{
//	    "pkg": "github.com/benchrig/benchrig/bench/mmap",
//	    "name": "Mmap/size=4KiB",        // row projection values, space-separated
//	    "unit": "ns/op",
//	    "better": "lower",               // or "higher"
//	    "base": {"n": 10, "median": 1505, "ci_lo": 1476, "ci_hi": 1521,
//	             "ci_pct": 0.019,        // CI half-width / median; -1: no interval at this n
//	             "cv": 0.021},           // sample stddev / mean
//	    "head": {...},
//	    "change": 0.089,                 // (head-base)/|base| of medians; null if base is 0
//	    "p": 1.1e-05,                    // Mann-Whitney U; null when not tested
//	    "p_holm": 1.1e-04,               // Holm-adjusted; null when not tested
//	    "threshold": 0.05,               // threshold applied to this unit
//	    "status": "regressed",           // regressed|improved|within-threshold|no-change|insufficient
//	    "notes": []
//	  }],
//	  "only_in_base": ["pkg name", "pkg name (unit)"],
//	  "only_in_head": [],
//	  "warnings": [],
//	  "regressed": 1, "improved": 0, "insufficient": 0,
//	  "verdict": "fail"                  // pass|fail|insufficient
//	}
//
// Fractions (change, threshold, ci_pct, cv) are fractions, not percent.
// -calibrate writes kind "calibration" (Calibration): a1, a2, alpha,
// power, rows (pkg, name, unit, n1, n2, cv, ci_pct, aa_change,
// robust_sigma, noise, mde), suggested_threshold, gate_verdict, warnings.
//
// # Calibration
//
// Calibrate reads two runs of the same code (A/A) and reports per row the
// CV, the median's CI half-width, the A/A change and the minimum
// detectable effect at this n (see Calibrate for the formula), and
// suggests a -threshold: the 95th percentile of row noise
// (max(|A/A change|, CI half-width)), rounded up to a whole percent.
//
// # Measured behaviour
//
// sim_test.go simulates 1,000 A/A suites of 20 rows at n=10 (lognormal
// noise, CV 1–5% per row, 2% of samples ×1.5). The gate's whole-suite
// false-alarm rate is 0.5%, where plain per-row p<0.05 (benchstat's
// default reading) flags 60% of suites. A +10% shift of one row at CV 2%
// is caught 98.7% of the time; the misses are suites where two of the ten
// base samples are ×1.5 outliers, which caps the U test at p≈0.01.
//
// # Fuzzing
//
// Every parser of user input has a fuzz target, its seed corpus under
// testdata/fuzz/<Target>/: FuzzGate (both result files, through Compare
// and Calibrate) and FuzzThresholds (the -threshold syntax). Run one for a
// minute with
//
//	go test ./harness/gate -run '^$' -fuzz '^FuzzGate$' -fuzztime 60s
//
// Each execution is one Compare or Calibrate on at most 4KiB a side and
// the seeds are a few lines, so an execution takes microseconds and the
// fuzzer's minimizer (which replays each new interesting input with bytes
// removed, up to -fuzzminimizetime, 60s by default) finishes quickly; no
// extra flags are needed. With the old seeds (whole 3.5KB result files)
// and four reports per execution, minimizing the first interesting input
// took the whole minute.
package gate
