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
// # Run directories
//
// All scratch lives in one run dir, BENCHRIG_DIR/run-<timestamp>-<pid>,
// created on the first [Dir] or [Shared] call (so test-only runs that never
// ask for scratch write nothing) and removed by [Main] when the package's
// tests and benchmarks end, or on SIGINT/SIGTERM. Beside it, a lock file
// run-<timestamp>-<pid>.lock is created and flock-ed before the dir exists
// and held for the life of the process. When benchmarks are requested, Main
// first sweeps BENCHRIG_DIR of the runs whose owner died, with
// internal/scratch: only runs whose lock, dir and marker prove them
// benchrig's and this user's are removed, and only the processes those runs
// started are killed (see the scratch package doc for the rules).
//
// # Interruption
//
// On SIGINT or SIGTERM, Main ends the run itself, the same way every time:
// from that moment nothing else's output reaches stdout or stderr (so a
// benchmark failing on its vanishing scratch prints no "--- FAIL" line), it
// writes one config line, "interrupted: sigint" or "interrupted: sigterm",
// and unsets the family's keys, kills the children started through
// internal/child and any other process this run started, removes the run
// dir, and exits 130 or 143. Result lines before the interrupted line are
// real; the benchmark that was running has none.
//
// # Notes and result lines
//
// go test folds a test binary's stderr into its stdout, and testing prints a
// benchmark's name before running it and the result after. So that a note
// ([Note], [Skipf], [LoadWatch.Report]) written while a benchmark runs never
// lands inside its result line, Main points os.Stdout at a pipe when
// benchmarks were requested and copies it to the real stdout itself: a note
// goes to stderr at once when the last stdout line is complete and waits for
// that line's newline otherwise. Before exiting, and before the interrupted
// line, Main copies what is left in the pipe (waiting a bounded time for
// it), so no result printed before the end is lost.
//
// BENCHRIG_DIR defaults to <os.UserCacheDir()>/benchrig, created when
// missing. A directory the user sets must exist, be a writable directory and
// be an absolute path (go test runs each package in its own directory);
// otherwise Main exits with status 2, the status of every configuration
// error (a family's knobs included), and a message that names the variable,
// states what it is (missing, a dangling symlink, a regular file, below a
// file, a symlink loop, on a read-only mount, not writable by this user with
// its mode and owner) and gives a fix that works for that state. A
// BENCHRIG_DIR on tmpfs or another filesystem without a local block device is
// accepted with a note: the benchmarks that need a disk skip there.
//
// # Timed regions
//
// Work that must not be measured goes between b.StopTimer/Meter.Pause and
// Meter.Resume/b.StartTimer:
//
//	m := harness.StartMeter(b, harness.Thread, dir) // after runtime.LockOSThread
//	for b.Loop() {
//		b.StopTimer()
//		m.Pause()
//		harness.Cold(b, file)
//		m.Resume()
//		b.StartTimer()
//		// the operation being measured
//	}
//	m.Report(b, int64(b.N))
//
// A [Thread] meter fails the benchmark if it is used from another OS thread
// than the one it started on, rather than report a meaningless delta.
//
// # How busy the machine was
//
// Every result a [Meter] reports also says what else used the machine during
// its loop: other-cpus (CPUs' worth of CPU time used by other processes:
// machine-wide busy time from /proc/stat minus this process's and its
// waited-for children's, over the loop's wall time), steal-cpus (time the
// hypervisor gave the vCPUs to someone else, likewise) and other-runs (other
// live benchrig runs holding a lock in the same BENCHRIG_DIR at the start or
// the end of the loop, also named in a note). /proc/stat counts 10 ms ticks,
// so a loop of a few tens of milliseconds reads these to within about half a
// CPU. Benchmarks without a Meter call [WatchLoad] before the loop and
// [LoadWatch.Report] after it.
//
// # Honesty rules
//
// [Cold] proves zero resident pages with mincore after fsync and
// POSIX_FADV_DONTNEED, and skips (naming the filesystem and the fix) where
// that is impossible: tmpfs, ramfs, overlayfs, network and FUSE filesystems,
// and anything without a local block device. Every skip goes through
// [Skipf], which also writes "# benchrig: skip <benchmark>: <reason>" to
// stderr, so a run without -v still says what did not run and why. [Meter.Report] omits
// dev-reads/op when the device is unknown instead of reporting zero, and
// [Latency.Report] fails a benchmark that recorded nothing. Off Linux, every
// call that needs the kernel skips the benchmark with the reason.
//
// The public contract (benchmark names, units, config keys, environment
// variables) is described in docs/result-files.md and README.md; changes
// to it are listed in CHANGELOG.md.
package harness
