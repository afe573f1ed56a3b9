// Package bench holds benchrig's benchmark families, one package each:
// falseshare, mmap, directio and modres. It has no code (its one test checks
// every family's bad knobs); this is the guide to adding a family.
//
// # Adding a family
//
// A family is one folder, bench/<family>, whose package name is the family's
// name (lowercase letters and digits). Adding one touches that folder and one
// line of the README's list of families, nothing else: the harness learns
// the family's units and config keys from the declaration in its TestMain
// and runs its Setup, which reads its knobs; CI's benchmark smoke run, the
// harness's check that every metric goes through harness.Report, and the
// bad-knob test below already cover every package under bench/. Every family has the same files, each with one job; falseshare is
// the worked example.
//
// doc.go is the user documentation (go doc ./bench/<family>): what one op is
// and what the benchmark measures, the benchmark names and their key=value
// axes, the knobs with their defaults and -short values, and how to read the
// numbers (which benchstat -col to use, what to expect, what a surprising
// number means). bench/falseshare/doc.go: "G goroutines each do b.N atomic
// adds on their own counter", the layouts, the pinning lines, "Expect
// packed ≈ shared >> pad64".
//
// <family>_test.go holds TestMain and the benchmarks. TestMain calls
// harness.Main with the family's harness.Family declaration: Name, the units
// it reports beyond the harness's own (falseshare: "adds/s"), the config keys
// it adds (falseshare: "pinning", "pinned-cpus") and Setup. The benchmarks
// walk the matrix with b.Run(case.name(), ...), use b.Loop or b.N as the op
// needs, and report every metric after the loop through harness.Report:
//
//	func TestMain(m *testing.M) {
//		harness.Main(m, harness.Family{
//			Name:  name,
//			Units: []string{"adds/s"},
//			Keys:  []string{"pinning", "pinned-cpus"},
//			Setup: setup,
//		})
//	}
//
//	func BenchmarkFalseSharing(b *testing.B) {
//		for _, c := range matrix(runtime.GOMAXPROCS(0), testing.Short()) {
//			b.Run(c.name(), func(b *testing.B) { benchAdds(b, c.layout, c.g) })
//		}
//	}
//
// config.go holds the family's name constant, its knobs and setup, the
// Family.Setup. Knobs are unexported constants named knob<Knob> holding the
// suffix (knobSize = "SIZE"), turned into the variable by
// harness.Family{Name: name}.Knob, so BENCHRIG_<FAMILY>_<KNOB> is spelt in
// one place. setup reads every knob once, before anything runs, into the
// package's cfg, and returns the family's config lines. A malformed knob is
// a configuration error: setup returns it, and harness.Main exits 2 before
// any benchmark runs, as for a bad BENCHRIG_DIR. Each error names the
// variable and the bad value, says what is wrong, and suggests a value that
// works ("BENCHRIG_MMAP_SIZE=1000: 1000 bytes is not a whole number of
// 4096-byte pages; set BENCHRIG_MMAP_SIZE=4KiB"). The loader takes its
// lookup function as a parameter, so config_test.go checks each error one by
// one and that each suggested fix is accepted. testdata/bad-knobs.txt lists
// bad knob settings, one a line; bench/knobs_test.go finds every family's
// list, builds the family's test binary and checks that each setting stops
// a benchmark run with exit status 2 and a note naming the variable.
// falseshare has no knobs (so no list); its config.go decides the run's
// pinning plan once, in setup.
//
// matrix.go lists the cases and their sub-benchmark names: a case type with
// a name method that writes key=value segments, and a function returning the
// cases for a run (falseshare: matrix(procs, short), every layout at each
// goroutine count). matrix_test.go pins every name, default and -short, in
// testdata/names.golden with testutil.Golden: the names are a public
// interface, users keep baselines keyed by them.
//
// The op files hold what one op does and the proofs around it, one job per
// file, each with its own _test.go (falseshare: layout.go lays out the
// counters, run.go runs and times the adds, pin.go pins the goroutines).
// Platform code goes in internal/ (falseshare uses internal/affinity), where
// every non-Linux function returns an error wrapping errors.ErrUnsupported;
// scratch dirs come from harness.Dir or harness.Shared, seeded data files
// from harness.DataFile or harness.WriteDataFile, cache states from
// harness.Cold and harness.Warm.
//
// Tests use internal/testutil: RequireLinux, Golden with its shared -update
// flag, Run for checking a skip or a failure. Notes to the user go to stderr
// through harness.Note, never a bare print.
package bench
