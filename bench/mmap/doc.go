// Package mmap measures what mapping a file costs and where the page-fault
// cost lands: in mmap itself (MAP_POPULATE, MADV_POPULATE_READ), in
// background readahead (MADV_WILLNEED), or in the first touch of each page.
// It tests the folk claim "MAP_POPULATE adds latency": populate does not
// create cost, it moves it from the touches into the mmap call.
//
// # One op
//
// One op, on the run's data file of size bytes:
//
//  1. mmap the whole file (MAP_SHARED, PROT_READ; MAP_PRIVATE,
//     PROT_READ|PROT_WRITE in BenchmarkMmapPrivate), adding MAP_POPULATE
//     for prefault=populate;
//  2. madvise the mapping with MADV_WILLNEED (prefault=willneed) or
//     MADV_POPULATE_READ (prefault=populate-read);
//  3. read one byte of every page, in order (access=seq) or in a
//     permutation of the pages fixed by a seed and computed before the
//     timer starts (access=rand); the bytes are summed into a sink so the
//     reads cannot be optimized away;
//  4. munmap.
//
// ns/op is the whole op, 1 to 4. The data file is written once per run by
// harness.DataFile (a splitmix64 stream from a fixed seed: non-zero and
// incompressible, so neither holes, thin provisioning nor compression can
// fake the reads), fsynced, and shared by every sub-benchmark and every
// -count.
//
// # Names and axes
//
//	BenchmarkMmap/size=<S>/cache=<cold|warm>/prefault=<none|populate|willneed|populate-read>/access=<seq|rand>
//	BenchmarkMmapPrivate/size=<S>/cache=warm/prefault=<none|populate|populate-read>/access=seq
//
// The axes:
//
//   - size: the data file and mapping size, IEC (64MiB).
//   - cache=cold: before every op, outside the timer and the meter, the
//     file is evicted from the page cache (fsync + POSIX_FADV_DONTNEED) and
//     mincore proves zero pages resident; every op then reads the whole file
//     from storage. Needs an evictable disk filesystem: on tmpfs, ramfs or
//     overlayfs it skips (set BENCHRIG_DIR to a disk-backed directory).
//   - cache=warm: before the loop the file is evicted (where the filesystem
//     allows) and read once sequentially with read(2), and proven fully
//     resident (munmap does not drop page-cache pages, so once is enough);
//     the benchmark fails if more than 0.1% of the touched bytes came from
//     storage during the loop (read-B/op). Pages that left the cache after
//     their last touch are logged, not fatal: some kernels page out idle
//     memory without pressure (the proactive-reclaim config line says so).
//     Warm ops do no I/O: they measure building page tables
//     for pages already in memory. The eviction matters: how a file entered
//     the page cache decides the size of its folios, and one fault maps a
//     whole folio's worth of pages. Expect a warm 64MiB op to take a few
//     dozen faults when the file was read sequentially, several hundred
//     after mmap readahead brought it in, and one per 16-page fault-around
//     window after random faults did, with touch-ns growing by an order of
//     magnitude from the first to the last (docs/validation.md has one
//     machine's figures). So warm numbers describe files read
//     sequentially (by a compiler, a linker, cp); a file paged in randomly
//     costs more to map again.
//   - prefault=none: plain mmap; each first touch of an unmapped page takes
//     a page fault. populate: MAP_POPULATE; the kernel faults in every page
//     inside mmap. willneed: MADV_WILLNEED; the kernel starts readahead of
//     the whole range and returns at once; touches still fault, but find
//     (or wait for) pages already on their way. populate-read:
//     MADV_POPULATE_READ (Linux ≥ 5.14, skipped with the kernel version
//     otherwise); like populate, but as a separate call and without breaking
//     copy-on-write on private mappings.
//   - access=seq touches pages in file order; access=rand in a fixed
//     permutation, which defeats the kernel's sequential readahead on a
//     cold file.
//
// The private-mapping contrast is a separate benchmark, BenchmarkMmapPrivate,
// rather than a map= axis, so that BenchmarkMmap keeps the names existing
// baselines use. On a writable MAP_PRIVATE mapping MAP_POPULATE
// write-faults every page, so it copies the whole file into anonymous
// memory; MADV_POPULATE_READ and plain touches do not. It runs warm, seq,
// for none, populate and populate-read (willneed maps nothing, so it adds
// nothing here), and not with -short.
//
// # Which combinations run, and why
//
// Every sub-benchmark costs a little over -benchtime (1s by default; cold
// ops also pay for the untimed eviction), and the two storage families
// (this and bench/directio) aim at 60 s together by default and 10 s with
// -short. So:
//
//   - access=rand runs only for cache=cold with prefault=none and willneed.
//     Warm, random order only adds TLB misses; and after populate or
//     populate-read every page is read and mapped before the first touch,
//     so touch order cannot change the I/O (measured once while choosing:
//     their rand variants were within the shared machine's noise of seq).
//   - The default run is 10 + 3 sub-benchmarks: expect about half a
//     minute at the default -benchtime.
//   - -short (CI smoke runs, 16MiB) runs cold and warm with none and
//     populate, seq only: the smallest table that still answers "where does
//     the cost land". BenchmarkMmapPrivate is skipped. Unless -benchtime is
//     given, -short also runs each sub-benchmark for 100ms (the harness
//     says so on stderr), so a smoke run stays short.
//
// BENCHRIG_MMAP_SIZE=16MiB without -short runs the full matrix on the small
// file (shorter cold ops, same number of sub-benchmarks).
//
// # Knobs
//
//   - BENCHRIG_MMAP_SIZE: data file size: bytes or an integer with B, KiB,
//     MiB, GiB or TiB ("64MiB", "1GiB", "1048576"), a whole number of pages.
//     Default 64MiB; 16MiB with -short. A bad value stops the run before
//     any benchmark starts (exit status 2), naming the variable, its value
//     and a value that works.
//   - -short: the small size and the smaller matrix above, and -benchtime
//     100ms unless -benchtime is given.
//   - BENCHRIG_DIR (harness): where the data file lives; it must be on the
//     filesystem whose page cache you want to measure.
//
// The file-level config line pagesize records the page size: it decides how
// many pages (and so faults and touches) one op has.
//
// # Reading the numbers
//
// map-ns/op is the time inside mmap and madvise; touch-ns/op the time
// reading one byte per page; ns/op is both plus munmap (tearing down the
// page tables, and for BenchmarkMmapPrivate with populate freeing the
// copies): munmap's share is ns/op - map-ns/op - touch-ns/op.
// Compare prefaults with
//
//	go tool benchstat -col /prefault -filter /access:seq bench.txt
//
// and read the two columns together. With prefault=none, map-ns is a few
// microseconds and the fault cost is all in touch-ns. With populate and
// populate-read it moves into map-ns and touch-ns drops to the cost of
// reading mapped memory (TLB misses). With willneed, map-ns pays for
// submitting readahead and touch-ns for waiting on it. The total is what an
// application that touches the whole file pays either way. Populate can only
// win where it does the same work in fewer, larger steps than faulting does,
// and it loses when the program would not have touched every page: it reads
// and maps all of it before mmap returns.
//
// read-B/op is bytes that really came from storage (the thread's rusage
// inblock × 512): about size for cache=cold, 0 for warm. It is the honest
// I/O figure. majflt/op is not: a major fault is counted only when the
// faulting access finds no page at all and starts the I/O. Readahead
// brings in the following pages, so later faults on them are minor (even
// when they wait for the I/O to finish), and fault-around maps up to 16
// neighbouring pages already in the cache without any fault. A cold 64MiB
// sequential op can read 64MiB with about one major fault.
//
// minflt/op counts faults taken on this thread, including those the kernel
// takes on its behalf inside MAP_POPULATE and MADV_POPULATE_READ, so the
// same count appears whichever prefault runs: what moves is the time, not
// the faults. Fault-around (16 pages by default) and large page-cache folios
// mapped in one fault keep it far below one per page: from pages/16 after
// random faults to a few hundred pages per fault for a sequentially read
// file (see cache=warm). Only BenchmarkMmapPrivate with
// populate takes one fault per page: each is a copy.
//
// dev-reads/op counts every read request the scratch device completed during
// the timed part, whoever issued it: on a shared machine it picks up other
// processes' I/O (non-zero on warm runs), so prefer read-B/op, which is this
// thread's own.
//
// MB/s is size / ns/op: the rate at which a whole-file mapping becomes
// usable.
package mmap
