// Package gate compares two Go benchmark result files and decides whether
// the second (head) regressed against the first (base). It is the library
// behind "benchrig gate", "benchrig noise" and the gating of "benchrig ab"
// and "benchrig power".
//
// Reading, grouping and statistics come from golang.org/x/perf and
// github.com/aclements/go-moremath: files are streamed one line at a time
// with benchfmt.Reader (nothing is slurped; only the per-row samples are
// kept), rows are formed with benchproc projections and filters, and each
// side is summarized with benchmath.AssumeNothing (the median with its
// confidence interval).
//
// # Rows
//
// A row is a benchmark of one package: the "pkg" config key plus the
// Options.Row projection (default ".fullname"), minus the Options.Ignore
// keys (default "/gomaxprocs", so BenchmarkX-2 and BenchmarkX-4 match).
// By default this is internal/resultfile's row identity (RowName), which
// the report and the history store use too; -row and -ignore slice it
// otherwise, as in benchstat.
// Other config keys (machine, cpu, kernel, pair, ...) never split rows.
// Every unit of a row is shown on its own ("row×unit"), in the unit the
// file wrote (ns/op stays ns/op). A row or unit present on one side only
// is listed under only_in_base / only_in_head and is not compared; it
// does not fail the gate.
//
// # What is tested
//
// By default one primary metric per row is tested, time per op (ns/op,
// which benchfmt reads as sec/op), in the "time" family. Rates (units
// ending in /s: MB/s, io/s, adds/s) are transforms of it: they are shown
// with status "reported" and not tested, as are other units (p99-ns,
// map-ns/op, ...). A row without time per op has its rates tested instead.
// Options.Units (-units) lists the units to read and tests every one of
// them. Counted metrics (a unit ending in /op that is not a time: B/op,
// allocs/op, read-B/op, write-B/op, minflt/op, majflt/op, dev-reads/op, ...)
// are tested in their own "counted" family. Each family gets its own
// Holm–Bonferroni correction at -alpha.
//
// # The regression rule
//
// A tested row×unit is a regression when all hold:
//
//   - its median moved in the worse direction by more than the threshold
//     for its unit: (head-base)/|base| beyond -threshold (default 5%,
//     per unit overridable: "5%,p99-ns=20%");
//   - its test is significant at -alpha (default 0.05) after
//     Holm–Bonferroni correction over every row×unit of its family (the
//     adjusted p is below alpha);
//   - for a counted metric, head's median is also outside the range of
//     base's samples (beyond its own A/A spread).
//
// The test is the two-sided Mann-Whitney U test on the samples, or, when
// both files carry pair data (see Pairs), Yuen's trimmed t test on the
// per-pair log ratios log(head/base): a t test of their 20%-trimmed mean
// with the 20%-winsorized variance, n-2g-1 degrees of freedom. Counted
// metrics always use the U test.
//
// "Worse" follows "Unit <unit> better=higher|lower" lines in the files
// and otherwise the rule of package internal/resultfile (Better): a unit
// ending in "/s" is higher-is-better, every other unit lower-is-better. The same change
// in the better direction is an improvement, reported but never failing.
// Statuses: regressed, improved, within-threshold (significant but
// small), no-change (not significant), insufficient (too few samples),
// reported (not tested).
//
// # Pairs
//
// An interleaved run (benchrig ab) writes, before each side's results
// of pair k, the config lines "pair: <k>" (1, 2, ...) and "pair-order: ab"
// or "ba"; base results go to the base file and head results to the head
// file, one result per row, side and pair. When both files carry them the
// time family is tested paired, and each row reports its pair
// correlation (Pearson, of the log values across pairs). Drift of the
// machine that hits both sides of a pair cancels in the ratio.
// Inconsistent pair data is an input error naming file:line: a file that
// mixes paired and unpaired results, pair data in one file only, a pair
// number that is not a positive integer, a pair-order other than ab or
// ba, a pair whose order differs between the files, a pair of a row that
// appears twice in one file, and a pair of a row with a result on one
// side only.
//
// Files without pair data were not interleaved: every report then warns
// that drift between the two runs is untested, and the verdict line says
// so. Such a verdict can be trusted when two back-to-back runs of the
// base code, taken the same way, pass "benchrig noise" with a
// suggested -threshold at most the one used.
//
// # Minimum detectable effect
//
// Every tested row reports its MDE: the smallest relative shift its test
// detects with probability MDEPower (80%) at its family's strictest Holm
// level alpha/m. Unpaired (U test):
//
//	MDE = (z(1-α'/2) + z(power)) · σ · sqrt(1/n1 + 1/n2) · sqrt(π/3)
//
// with σ the pooled robust relative spread (MAD×1.4826/median) and
// sqrt(π/3) the U test's efficiency loss against the t test; null when no
// outcome at n1, n2 can reach α' (MinP ≥ α'). Paired (Yuen):
//
//	MDE = exp((t(1-α'/2; df) + t(power; df)) · se) - 1
//
// with se the trimmed mean's standard error of the log ratios.
//
// # Busy machine
//
// Results may carry the harness metrics other-cpus (the CPUs' worth of
// time other processes used during the timed loop, on average), steal-cpus
// (the same for hypervisor steal) and other-runs (other live benchrig
// runs in the same BENCHRIG_DIR). They are never tested and never become
// rows. A row is flagged busy, in every format, when on either side the
// median other-cpus is at least 0.25 (BusyOtherCPUs: a quarter of a CPU,
// an eighth of a 2-vCPU machine, enough to raise a CPU-bound row's CV
// several-fold), the median steal-cpus is at least 0.10 (BusyStealCPUs),
// or any sample saw another benchrig run (other-runs > 0). Busy rows keep
// their verdict; the report counts them, warns, and marks them "(busy)".
//
// # Sample size
//
// A tested row×unit needs at least MinSamples (6) samples a side (pairs,
// when paired) to be tested. Such rows are listed with a note; the verdict
// is "insufficient" (exit 2) unless Options.AllowFew, which reports them
// as "insufficient" and lets the other rows decide. When the number of
// comparisons m is so large that even a perfect separation at the
// smallest n cannot beat alpha/m with the U test, a warning says so.
//
// # Adaptive sampling
//
// Decide serves a runner that samples in rounds under a time budget: at
// look j of at most K it compares the files at SpentAlpha, the share of
// alpha the Lan–DeMets O'Brien–Fleming-type spending function
// α(t) = 2 − 2Φ(z(1−α/2)/√t) assigns to t = j/K, and says per row "fail"
// (regressed there), "pass" (not regressed and MDE at most the target, or
// the last look) or "undecided" (sample it again). The target is the
// change worth catching, not the threshold: Decide computes MDEs at
// DecidePower (95%) and fails a row whose slowdown is significant and
// larger than FloorShare (half) of the target, so a row that passes early
// would have failed on a target-sized regression 19 times in 20, and a
// change of exactly the target's size is caught, not missed half the time
// as a threshold at the target itself would. The looks' levels add up to
// alpha, so by the union bound the whole sequence keeps its false-alarm
// rate at most alpha whatever the correlation between looks; stopping a
// row for futility only lowers it. decide_test.go simulates 300
// interleaved A/A suites of 20 rows looked at after 6, 10, 14 and 20
// pairs and requires false alarms in at most 1% of suites, a +5% row at
// CV 2% caught at least 90% of the time and +10% at least 95%.
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
//   - Inputs are read through internal/resultfile, which refuses what is
//     not a whole result file, each refusal an input error at file:line:
//     an empty file or one without Benchmark lines ("not benchmark
//     results"); a file cut short (a last line without its newline, a
//     block without go test's closing PASS/ok/FAIL line or an
//     interrupted: line, a result cut after its name or inside its last
//     unit); a line that is not valid UTF-8 or longer than 64KiB, or that
//     benchfmt cannot parse ("malformed line"). A harness note spliced
//     into a result line by go test is recovered, not refused.
//   - Bad or contradicting "Unit ... better=" metadata, a NaN or ±Inf
//     value, a unit reported twice on one line: input error at file:line.
//     Up to 20 errors are collected.
//   - An "interrupted: <signal>" config line anywhere (the harness writes
//     it when SIGINT or SIGTERM stopped the run, possibly after the last
//     result): input error at its file:line; rerun to completion.
//   - A failed benchmark: its "--- FAIL" block is skipped; a failure
//     printed on the result line is a malformed line.
//   - -filter/-units keep nothing, or no row is on both sides: input error.
//   - All samples equal on both sides: no-change, change 0, with a note.
//     Constant but different sides are tested normally (the U test
//     separates them perfectly), so 100→110 ns/op is a regression.
//   - A base median of 0 with a non-zero head median: change is null
//     (infinite) and counts as beyond any threshold.
//   - A row whose results on one side differ in a residue key (config
//     keys other than pair and pair-order, or two GOMAXPROCS values
//     merged by -ignore) gets a note.
//   - Rows with a unit on only some lines use the lines that report it.
//
// # Exit codes (benchrig gate)
//
// 0 no regression; 1 at least one regression; 2 usage or input error, or
// insufficient samples without -allow-few (or, in benchrig ab, an
// inconclusive row with -strict). Report.ExitCode gives 0, 1 or 2 for a
// report; errors from Compare mean 2.
//
// # JSON schema (version 2)
//
// -format json writes one object (Report):
//
//	{
//	  "version": 2,                      // SchemaVersion; bumped on incompatible change
//	  "kind": "compare",
//	  "base": {"name": "base.txt", "results": 40, "kept": 40, "rows": 4},
//	  "head": {...same...},
//	  "alpha": 0.05, "threshold": "5%,p99-ns=20%", "confidence": 0.95,
//	  "target": "5%",                    // optional: Decide (ab, power) only, the change worth
//	                                     // catching; threshold is then FloorShare (half) of it
//	  "mde_power": 0.8,                  // the power the rows' MDEs are for (Decide: 0.95)
//	  "paired": true,                    // both files carry pair data (v2)
//	  "compared": 4,                     // Holm–Bonferroni size of the time family
//	  "compared_counted": 1,             // ... of the counted family (v2)
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
//	    "family": "time",                // time|counted|"" (reported only) (v2)
//	    "test": "yuen-t",                // yuen-t|u-test|"" (not tested) (v2)
//	    "p": 1.1e-05,                    // p of test; null when not tested
//	    "p_holm": 1.1e-04,               // Holm-adjusted within family; null when not tested
//	    "pairs": 10,                     // pairs tested; 0 unpaired (v2)
//	    "pair_corr": 0.08,               // null unpaired or undefined (v2)
//	    "mde": 0.023,                    // minimum detectable effect; null: none at this n (v2)
//	    "threshold": 0.05,               // threshold applied to this unit
//	    "status": "regressed",           // regressed|improved|within-threshold|no-change|insufficient|reported|inconclusive
//	    "busy": ["head.txt: median other-cpus 0.60 ≥ 0.25 (...)"],  // (v2)
//	    "notes": []
//	  }],
//	  "only_in_base": ["pkg name", "pkg name (unit)"],
//	  "only_in_head": [],
//	  "warnings": [],
//	  "regressed": 1, "improved": 0, "insufficient": 0,
//	  "inconclusive": 0,                 // optional: rows Decide left inconclusive; absent when 0
//	  "busy": 0,                         // rows flagged busy (v2)
//	  "verdict": "fail"                  // pass|fail|insufficient|inconclusive
//	}
//
// Version 2 added the fields marked (v2) and the status "reported";
// "compared" now counts the time family only, and rates of a row with
// time per op are no longer tested by default. Fractions (change,
// threshold, ci_pct, cv, mde) are fractions, not percent.
//
// Added within version 2, all optional so older readers are unaffected:
// "target" and "inconclusive" (written only by Decide, that is by
// benchrig ab and power, and omitted when empty or 0), "mde_power", the
// row status "inconclusive" (Decide's last look found no regression but
// the row's MDE stayed above the target; it passes) and the verdict
// "inconclusive" (such a row under Plan.Strict, ab -strict: exit 2).
//
// "benchrig noise -format json" writes kind "calibration" (Calibration): a1, a2, alpha, power, rows
// (pkg, name, unit, n1, n2, cv, ci_pct, aa_change, robust_sigma, noise,
// mde, busy), suggested_threshold, gate_verdict, warnings.
//
// # Calibration
//
// Calibrate reads two runs of the same code (A/A) and reports per row the
// CV, the median's CI half-width, the A/A change and the MDE, and
// suggests a -threshold: the 95th percentile of row noise
// (max(|A/A change|, CI half-width)), rounded up to a whole percent.
//
// # Simulations
//
// Seeded simulations check the rule's error rates, with lognormal noise
// (CV 1–5% per row, 2% of samples ×1.5) over suites of 20 rows at n=10:
// sim_test.go (unpaired) and sim_paired_test.go (interleaved, with a 5%
// per-pair drift shared by both sides) require a whole-suite false-alarm
// rate of at most 1% and at least 95% power for a +10% shift of one row at
// CV 2%, where plain per-row p<0.05 (benchstat's default reading) would
// flag most suites; two back-to-back blocks with +8% drift between them
// must fail unpaired, with the drift warning, and pass interleaved.
// decide_test.go does the same for the sequential design. Run them, with
// the rates they measure, with
//
//	go test -v -run Simulated ./internal/gate
//
// docs/validation.md records the rates measured when each was added.
//
// # Fuzzing
//
// Every parser of user input has a fuzz target, its seed corpus under
// testdata/fuzz/<Target>/: FuzzGate (both result files, through Compare
// and Calibrate), FuzzPairs (interleaved files: pair, busy and interrupted
// lines) and FuzzThresholds (the -threshold syntax). Run one for a minute
// with
//
//	go test ./internal/gate -run '^$' -fuzz '^FuzzGate$' -fuzztime 60s
//
// Each execution is one Compare or Calibrate on at most 4KiB a side and
// the seeds are a few lines, so an execution takes microseconds and the
// fuzzer's minimizer (which replays each new interesting input with bytes
// removed, up to -fuzzminimizetime, 60s by default) finishes quickly; no
// extra flags are needed. Expect hundreds of thousands of executions a
// minute on an idle machine and several times fewer on a loaded one
// (docs/validation.md has measured counts). The pauses in the fuzzer's
// progress lines are minimization; on a loaded machine
// -fuzzminimizetime 5s shortens them.
package gate
