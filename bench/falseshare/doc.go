// Package falseshare measures false sharing: what it costs when goroutines on
// different cores do atomic adds on counters that share a cache line. Every
// add needs the line in the Modified state on the adding core, so the line
// ping-pongs between the cores' caches even though no counter is shared.
//
// # Benchmark
//
//	BenchmarkFalseSharing/layout=<L>/goroutines=<G>
//
// G goroutines each do b.N atomic adds (atomic.Uint64.Add) on their own
// counter. The layouts place those counters:
//
//   - packed: 8 bytes apart, so up to 8 counters share a 64-byte line.
//   - pad64: 64 bytes apart: one counter per 64-byte line.
//   - pad128: 128 bytes apart: also keeps counters off the adjacent line that
//     some CPUs prefetch as a pair.
//   - cachelinepad: each counter inside a struct padded before and after with
//     golang.org/x/sys/cpu.CacheLinePad, the idiomatic fix in Go code.
//   - shared: every goroutine adds to one counter (true sharing, for
//     contrast: the adds really contend).
//
// packed, pad64, pad128 and shared carve their counters at explicit offsets
// (i*8, i*64, i*128, 0) from a page-aligned buffer, so the cache lines they
// fall in do not depend on the allocator; the package's tests assert those
// offsets and lines. After each run the counters are checked: each own
// counter must hold b.N and the shared counter G*b.N, or the benchmark fails.
//
// G is 2 and GOMAXPROCS, deduplicated (one value on a 2-CPU machine); -short
// keeps only G=2. There are no other knobs. With -cpu, go test runs every
// sub-benchmark once per listed GOMAXPROCS value (the -N name suffix), and G
// comes from the GOMAXPROCS in force when the benchmark starts, which is the
// last -cpu value.
//
// # Timing
//
// Goroutine start-up, thread pinning and the start barrier are outside the
// timed region: the timer is reset right before all goroutines are released
// together and stopped when the last one finishes. So ns/op is the wall time
// of one add on every goroutine at once: b.N adds per goroutine, divided by
// b.N. The timed region also holds waking the parked goroutines, a few
// microseconds per run, which is noise at the default -benchtime and why
// -benchtime 1x numbers mean nothing. adds/s is G*b.N over the same wall
// time, the aggregate throughput, comparable across G (higher is better).
//
// # Pinning
//
// Each goroutine locks its OS thread and pins it to a distinct CPU of the
// process's allowed set (sched_getaffinity), so that the goroutines really
// run on different cores for the whole run. The thread gets its original
// mask back before it is unlocked. The run decides once, before any benchmark
// starts (the family's harness Setup), by reading the allowed set and pinning
// a locked thread to each CPU it will use, and prints the decision as config
// lines:
//
//	pinning: on
//	pinned-cpus: 0,1
//
// pinned-cpus lists the CPU of goroutine 0, 1, ... The run is unpinned
// (pinning: off, pinned-cpus: unknown, and a "# benchrig: falseshare runs
// unpinned: ..." note on stderr with the reason) when the OS is not Linux, when pinning is refused (EPERM, EINVAL,
// e.g. a cgroup cpuset), or when the largest G of the run (from -cpu and
// GOMAXPROCS) exceeds the allowed CPUs. A file never mixes pinned and
// unpinned results. Unpinned numbers are still valid, but the scheduler may
// put two goroutines on one core (no ping-pong) or on SMT siblings that share
// a cache, which hides the penalty.
//
// # Reading the numbers
//
//	go test -run '^$' -bench . -count 10 ./bench/falseshare > fs.txt
//	go tool benchstat -col /layout fs.txt
//
// packed is the first column, so benchstat shows every other layout relative
// to it. Expect packed ≈ shared >> pad64 ≈ pad128 ≈ cachelinepad: the false
// sharing of packed costs about as much as the real contention of shared,
// and any of the padded layouts removes it: on a typical x86 machine with
// two pinned goroutines, expect packed to cost several times pad64 per add.
// If pad64 is clearly slower than pad128, the CPU fetches adjacent lines in
// pairs and 128-byte padding is the safe choice there. Compare machines with
// the config lines (cpus, cacheline, pinning). docs/validation.md has one
// machine's table, and a C program's figures on the same machine for
// contrast.
package falseshare
