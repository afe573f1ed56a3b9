// Package harness is what every benchrig benchmark needs and no benchmark
// should write for itself: scratch directories on the disk under test, page
// cache eviction with a residency proof, I/O and page-fault accounting,
// latency percentiles and the file-level configuration lines that make result
// files comparable across machines.
//
// Every bench package calls [Main] from its TestMain. Benchmarks then ask for
// scratch space with [Dir] or [Shared], put files in a proven state with
// [Cold] or [Warm], and account for what the timed loop did with a [Meter]
// and a [Latency] recorder.
//
// The public contract (benchmark names, units, config keys, environment
// variables) is in the repository's conventions; see README.md.
package harness
