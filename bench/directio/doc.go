// Package directio measures what storage does to one request when the page
// cache is out of the way: 4KiB random reads against sequential writes, with
// per-request latency, on the disk that holds BENCHRIG_DIR.
//
// # Benchmarks
//
//	BenchmarkDirectIO/op=<randread|seqread|seqwrite|randwrite>/bs=<4KiB|1MiB>/qd=<1|2|4|16|32|64>/io=<direct|buffered>/sync=<none|dsync>[/engine=<raw|uring>]
//
// qd is the number of requests in flight on one shared file descriptor; the
// engine (below) is how they are made. A name without an engine= segment is
// engine psync: qd goroutines issue synchronous pread(2) or pwrite(2) calls
// (one request in flight each, like fio's psync engine with numjobs=qd). io=direct opens the file with O_DIRECT through
// github.com/ncw/directio and uses its aligned buffers; io=buffered opens it
// normally. sync=dsync adds O_DSYNC to a write benchmark's descriptor, so
// each write returns only once it is durable; every other case is sync=none.
// Requests are bs bytes at bs-aligned offsets: uniformly random with
// repeats (a counter-based splitmix64 stream with a fixed seed, so a run of N
// requests always touches the same offsets) for rand*, consecutive blocks
// wrapping at the end of the file for seq*.
//
// The default run is not the cross product of the axes. It is the matrix that
// answers the questions:
//
//	op=randread/bs=4KiB/qd=1,2,4,16/io=direct  random read latency, and how it scales with queue depth
//	op=seqread/bs=1MiB/qd=1/io=direct          the sequential read ceiling
//	op=seqwrite/bs=4KiB/qd=1/io=direct         the same request size as randread, written in order
//	op=seqwrite/bs=4KiB/qd=1/io=direct/sync=dsync  the same writes, each durable before the next (O_DSYNC)
//	op=seqwrite/bs=1MiB/qd=1/io=direct         the sequential write ceiling
//	op=randwrite/bs=4KiB/qd=1/io=direct        random writes, beside seqwrite/bs=4KiB
//	op=randread/bs=4KiB/qd=1/io=direct/engine=raw     the same reads without the runtime's syscall path
//	op=randread/bs=4KiB/qd=1,16/io=direct/engine=uring  the same reads through io_uring
//	op=randread/bs=4KiB/qd=1/io=buffered       the contrast: the same reads from a warm page cache
//
// (every row but the dsync one is sync=none). -short runs
// op=randread/bs=4KiB/qd=1/io=direct, op=seqwrite/bs=4KiB/qd=1/io=direct,
// op=randread/bs=4KiB/qd=1/io=direct/engine=uring and
// op=randread/bs=4KiB/qd=1/io=buffered (all sync=none), on a 64MiB data file.
//
// # Engines
//
// Go's own pread pays for the runtime's system call path: entersyscall and
// exitsyscall around the call, and sysmon, which takes a P from a goroutine
// it finds in a system call when that goroutine has not been rescheduled for
// 10ms, so the return waits to get a P back. A goroutine that only issues
// requests is never rescheduled, and once sysmon has taken one P it checks
// every 20µs: it then takes the P from nearly every request, about 3µs (8%)
// of a 4KiB direct read on the reference VM. fio's psync pays none of that.
// The engines separate the costs:
//
//   - psync (no engine= segment): unix.Pread/Pwrite on the raw descriptor
//     (internal/dio), qd goroutines, each yielding its P once a millisecond
//     (runtime.Gosched between requests) as a goroutine serving requests
//     blocks between them, so sysmon never starts taking Ps. What Go programs
//     get; the rows users have baselines for.
//   - raw: the same pread/pwrite through unix.RawSyscall6 (no entersyscall),
//     qd goroutines each locked to its OS thread. The Go loop without the
//     runtime's syscall bookkeeping: the gap from raw to psync is what that
//     bookkeeping costs, raw to fio psync what is left. A raw call holds its
//     P while it blocks, so raw runs only where qd ≤ GOMAXPROCS-1: one P
//     always stays free for the benchmark goroutine, the garbage collector
//     (whose stop-the-world waits for every P) and timers. Deeper cells skip
//     and say which GOMAXPROCS would run them (Ps held by blocked requests
//     use no CPU, so GOMAXPROCS may exceed the CPU count).
//   - uring: one io_uring (internal/uring) with qd requests in flight, from
//     one goroutine locked to its OS thread, with one registered buffer per
//     slot (READ_FIXED/WRITE_FIXED, like fio's io_uring engine with
//     --fixedbufs). Each round submits and waits in one io_uring_enter,
//     then reaps what it found and hands the refills back in groups of 4
//     while more completions wait, so the device starts on the first while
//     the loop prepares the rest, as fio's loop does (submitGroup).
//     The ring is set up as fio sets up its own (COOP_TASKRUN,
//     SINGLE_ISSUER, DEFER_TASKRUN where the kernel has them), and with
//     GOMAXPROCS 2 or more its io_uring_enter is a raw system call: the
//     thread keeps its P while the kernel waits (internal/uring's New). A
//     note names the flags the kernel took and the call path. How deep
//     queues behave without a thread per request.
//
// Without the knob a run adds the three engine cells above to psync's
// matrix. BENCHRIG_DIRECTIO_ENGINE=uring runs randread and randwrite,
// bs=4KiB, io=direct at qd=1,4,16,32,64; raw runs randread at qd=1,2; psync
// runs psync's matrix; all runs the three. With -short each selected engine
// other than psync runs its qd=1 randread.
//
// # Metrics
//
// One op is one I/O request. b.N is the total number of requests, shared by
// the qd goroutines through an atomic counter so the queue stays full to the
// end.
//
//   - ns/op: wall time of the timed loop divided by the requests, across all
//     goroutines. At qd=1 it is the mean request time; at qd>1 it is the
//     inverse of throughput, not a latency.
//   - io/s: requests completed per second (1e9 / ns/op).
//   - MB/s: bytes per second, from b.SetBytes(bs).
//   - p50-ns, p99-ns, p99.9-ns: per-request latency percentiles. Each request
//     is timed with the monotonic clock around the pread/pwrite call alone
//     (two clock reads, about 50ns, are inside it), in a histogram per
//     goroutine, merged after the loop. With engine=uring a request is timed
//     from just before the io_uring_enter that submitted it to just after the
//     one that found it complete; the requests an enter submits or finds
//     share its clock reads.
//   - read-B/op, write-B/op: bytes that reached storage (getrusage of the
//     whole process, inblock/oublock x 512), per request. For a 4KiB direct
//     read this is 4096.
//   - dev-reads/op: read requests completed by the block device holding
//     BENCHRIG_DIR. It counts every process's I/O on that device, so it is
//     only clean on a quiet machine; a 1MiB read may be split into several
//     device requests (max_sectors_kb).
//   - majflt/op, minflt/op: page faults; about 0 (nothing is mapped).
//
// Nothing allocates per request (TestWorkerDoesNotAllocate,
// TestUringLoopDoesNotAllocatePerRequest): the loop is pread or pwrite on the
// raw descriptor (internal/dio, x/sys/unix, no os.File locking), or a ring
// entry, a share of the io_uring_enter calls and their clock reads, and a
// histogram update.
//
// # Cache state and the bypass proof
//
// io=direct evicts the file and proves 0 pages resident (harness.Cold) before
// the timer starts, and after the loop checks that residency stayed at most
// 16 pages plus 1% of the requests; otherwise the benchmark fails, because
// the filesystem served O_DIRECT from memory. With read-B/op about 4096 for a
// 4KiB direct read, that is the proof the page cache was bypassed.
// TestDirectReadBypassesPageCache asserts the same on the scratch disk, with
// a buffered control that shows the check sees caching when it happens.
//
// io=buffered runs warm: the data file is read fully and proven resident
// (harness.Warm) before the timer, and the run counts only when at most 0.1%
// of the requested bytes came from storage during the timed loop (read-B/op
// about 0); a cold run cannot pass that. A contaminated run is warmed and
// measured again, and after 3 contaminated runs the benchmark fails. Pages that
// left the cache without being read again are logged, not fatal: some
// kernels page out idle memory without any memory pressure (a DAMON pageout
// scheme; the proactive-reclaim config line says so), and a page that was
// not re-read did not touch the measurement. A buffered 4KiB random read from a warm file does not
// measure the device at all: it is a system call, a page cache lookup and a
// 4KiB copy into the caller's buffer, i.e. CPU and memory cost. It is what a
// re-read workload (the go command re-reading GOCACHE or GOMODCACHE) gets
// when memory is plentiful, and the gap to io=direct is what the page cache
// saves on this machine. A cold buffered read would add readahead and cache
// fills that change as the file warms during the run, so it is not measured.
//
// # Writes and device caches
//
// Each write benchmark writes its own file (a quarter of the data file,
// 256MiB by default), laid out in full (allocated and written, then fsynced)
// before its first round, so timed writes overwrite allocated blocks: the
// device's write path, not the filesystem's block allocator, as fio's
// --overwrite=1 does. Every written block is stamped with its request number,
// so no two are equal. Direct writes also leave the file's residency at 0.
//
// A direct write completes when the device has accepted it. That is not
// durability: the data can sit in the device's volatile write cache, or on a
// virtual machine (see the virt config line) in the host's page cache. With
// sync=none no fsync, fdatasync or O_DSYNC is issued in the loop, so those
// seqwrite and randwrite numbers are "accepted by the device" rates, an upper
// bound on durable-write rates. sync=dsync opens the file with O_DSYNC: each
// write also waits for a cache flush or a FUA write, so its rate is durable
// (as far as the device or hypervisor honours flushes). The ratio of the two
// seqwrite/bs=4KiB rows is what durability costs on this machine.
//
// # Files, knobs and budget
//
// The read data file is written once per run (not per benchmark) in the
// run's shared scratch dir with large direct writes, then fsynced. Its content
// is pseudo-random and non-zero (a fixed seed, so the file is the same on
// every run), so thin provisioning, compression or deduplication cannot fake
// a read. Every file is removed at the end of the run.
//
//   - BENCHRIG_DIR: where the files go; it must be on the disk to measure.
//   - BENCHRIG_DIRECTIO_FILE_SIZE: the data file size, an IEC size (64MiB,
//     1GiB), a whole number of MiB and at least 4MiB. Default 1GiB, 64MiB
//     with -short. A file much smaller than the device's or host's cache
//     measures that cache. The write file is a quarter of it. The old name,
//     BENCHRIG_DIO_FILE_SIZE, still works with a deprecation note on stderr;
//     when both are set, BENCHRIG_DIRECTIO_FILE_SIZE wins.
//   - BENCHRIG_DIRECTIO_ENGINE: psync, raw, uring or all, or a comma list
//     (psync,uring): the engines to run (see Engines). Unset, psync's matrix
//     plus a few raw and uring cells.
//   - -short: the small matrix and the 64MiB file, for CI smoke runs.
//
// Peak scratch use is the data file plus one write file: 1.25GiB by default,
// 80MiB with -short. With the default -benchtime 1s, expect the default run
// to take about 45 seconds (13 benchmarks at a little over 1s each, plus
// writing the data file, laying out the write files and warming the data
// file; more on a slow disk); -short, which also implies -benchtime 100ms,
// a few seconds. docs/validation.md has the run time of one machine.
//
// # Running and reading the numbers
//
// b.N counts requests, and -benchtime is a duration: keep it time based
// (1s default, 5s or 10s for a quiet measurement, -count 5 or more for
// benchstat). A fixed -benchtime Nx makes runs on different machines take
// 100x different times and is only for smoke runs (-benchtime 1x).
//
//	go test -run '^$' -bench DirectIO -count 5 ./bench/directio > new.txt
//	go tool benchstat -col /op -filter '/bs:4KiB /qd:1 /io:direct /sync:none' new.txt
//	go tool benchstat -col /sync -filter '/op:seqwrite /bs:4KiB' new.txt
//	go tool benchstat -col /qd -filter '/op:randread /io:direct' new.txt
//	go tool benchstat -col /io -filter '/op:randread /qd:1' new.txt
//	go tool benchstat -col /engine -filter '/op:randread /bs:4KiB /qd:1 /io:direct' new.txt
//
// In -col /engine an empty engine is psync (its rows have no engine=
// segment).
//
// Compare io=direct numbers with fio on the same directory in the same
// sitting: one request is one pread or pwrite either way, so engine=raw
// should cost nothing fio's psync does not (psync pays the runtime's system
// call path, see Engines), engine=uring nothing fio's io_uring does not, and
// a gap beyond run-to-run noise is worth reporting. testdata/fio.sh runs each
// comparable pair (it is never run by go test or CI). Its fio jobs are,
// with DIR the BENCHRIG_DIR and T seconds:
//
//	fio --name=randread-4k-qd1 --filename=DIR/read --size=1073741824 --rw=randread --bs=4k --numjobs=1 \
//	    --ioengine=psync --direct=1 --thread --time_based --runtime=T --group_reporting --randrepeat=1 --norandommap
//	fio ... --numjobs=2                                   (qd=2)
//	fio --name=seqwrite-4k-qd1 --filename=DIR/write --size=268435456 --overwrite=1 --rw=write --bs=4k --numjobs=1 \
//	    --ioengine=psync --direct=1 --thread --time_based --runtime=T --group_reporting --randrepeat=1 --norandommap
//	fio ... --bs=1m                                       (seqwrite bs=1MiB)
//
// FIO_ENGINES=raw,uring (default psync) adds the other engines' pairs:
// engine=raw against the same psync jobs, engine=uring against
// --ioengine=io_uring --iodepth=qd --numjobs=1 --fixedbufs.
//
// # Skips
//
// Off Linux every benchmark skips. io=direct skips on tmpfs, ramfs and
// overlayfs ("tmpfs accepts O_DIRECT on Linux ≥ 6.6 but still caches; set
// BENCHRIG_DIR to a disk-backed directory"), on filesystems without a local
// block device, where opening with O_DIRECT or a first aligned request fails
// with EINVAL, and where statx (STATX_DIOALIGN) asks for more alignment than
// github.com/ncw/directio's 4096-byte buffers or the request size give. Too
// little free space skips with the bytes needed and free. engine=raw skips
// where qd > GOMAXPROCS-1. engine=uring skips, with the cause and the fix,
// where this process cannot use io_uring: a kernel without it, the
// kernel.io_uring_disabled sysctl, a seccomp filter (container runtimes
// block io_uring by default), or registered buffers over the locked-memory
// limit (ulimit -l); setup probes once. A bad
// BENCHRIG_DIRECTIO_FILE_SIZE or BENCHRIG_DIRECTIO_ENGINE stops the run before any benchmark starts
// (exit status 2) with an error naming the variable, its value and a value
// that works.
package directio
