// Package bench holds benchrig's benchmark families, one package each:
// falseshare, mmap, directio and modres. It has no code (its one test checks
// every family's bad knobs); this is the guide to adding a family.
//
// # Adding a family
//
// A family is one folder, bench/<family>, whose package name is the family's
// name (lowercase letters and digits). Adding one touches that folder and one
// line of the README's list of families, nothing else: the report learns
// what to say about it from its family.toml (below), the harness learns
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
// # What the report says
//
// family.toml declares what benchrig report says about the family, so the
// report has no family of its own: the module's root package embeds every
// bench/*/family.toml and internal/report reads them (a report test checks
// that each folder here has one). Keys:
//
//	benchmark = "FalseSharing"   # the benchmark every row starts with
//	order = 3                    # place on the page
//	units = ["ns/op"]            # compared and charted in; the first is the trend's
//	latency = ["p50-ns", "p99-ns"] # optional: a latency chart of these
//	scale = ["goroutines"]       # name keys that give a row's size
//	rank = { key = "tree", order = ["own", "service", "small"], number = "modules" }
//	                             # optional: of several rows matching a want, the most realistic
//	define = '{{define "x"}}…{{end}}' # optional: templates the others share
//
//	[[devloop]]                  # optional: a step of the Go dev loop (ns/op) that the
//	about = "warm go list"       # summary's "good for Go work?" compares with the reference
//	row = ["tool=golist", "mode=mod", "cache=warm"]
//
//	[[expect]]                   # optional: what doc.go says to expect; the summary flags
//	about = "packed counters are slower than padded ones" # a run that contradicts it
//	rows = [["layout=packed", "goroutines=2"], ["layout=pad64", "goroutines=2"]]
//	holds = '{{above 0 1 "ns/op" 1.2}}'
//	why = 'the likely cause, and what to do'
//
//	[[headline]]                 # one sentence on the page, in order
//	about = "two counters on one cache line"
//	rows = [["layout=packed", "goroutines=2"], ["layout=pad64", "goroutines=2"]]
//	say = '{{times 0 1 "ns/op"}} the time per add of counters padded to 64 bytes'
//
//	[[claim]]                    # a published claim this family judges
//	id = "C10"; text = "…"; tests = "the rows that test it"; would = "what would test it fully"
//	rows = [[…], […]]            # or try = [[[…]], [[…]]]: the first set the machine has
//	optional = [[…]]             # rows used when present, appended after rows
//	measure = [[…]]              # the rows a claims run measures (default: rows,
//	                             # or try's first set; plus optional)
//	hint = "how to run what it needs"
//	number = '{{times 0 1 "ns/op"}} (holds when above 1)'
//	holds = '{{above 0 1 "ns/op" 1}}'  # prints true or false
//
// rows are key=value lists matched against row names; the later rows of a
// list are taken at the first one's scale keys. A row the machine lacks
// makes the sentence say the run's skip reason and the claim "not testable
// here". The templates (text/template) number the rows from 0 and call:
// text I UNIT (the median with its interval), times I J UNIT (the ratio
// I/J with its interval), change I J UNIT (a U-test between them), key I K,
// med I UNIT (the median, a number), vs I UNIT CLAIMED ("2.2× faster than
// claimed"), has I, hasunit I UNIT, config I KEY (the file config line KEY
// at row I's results; missing or unknown fails), listhas LIST ITEM (ITEM
// is one of LIST's comma-separated values), fail MSG (the claim is not
// testable, for the reason MSG), value X UNIT,
// add, sub, div, pct X; and for holds near I UNIT CLAIMED and nearratio I
// J UNIT CLAIMED (within a factor of report.Band), inband I UNIT LO HI,
// above I J UNIT X (the ratio's interval above X), between X LO HI, band
// CLAIMED UNIT, bandrange LO HI UNIT and bandx for the words. A function
// that needs a unit the row lacks makes the sentence say which, and the
// claim not testable.
//
// Tests use internal/testutil: RequireLinux, Golden with its shared -update
// flag, Run for checking a skip or a failure. Notes to the user go to stderr
// through harness.Note, never a bare print.
package bench
