// This file goes on with the package comment of doc.go (go doc joins a
// package's comments in file name order): the knobs, the metrics, the cells
// and their run time, and the check against hyperfine.

// # Knobs
//
// Each is read once before anything runs; a malformed value is a
// configuration error naming the variable and a value that works (exit
// status 2).
//
//   - BENCHRIG_MODRES_TREES: the trees of golist and packages:
//     comma-separated presets, in run order, e.g. "small,service". Default
//     "service"; with -short, "small"; when BENCHRIG_MODRES_MODULE is set,
//     none (only tree=own runs). A set value wins over -short. "own" is not
//     listed here.
//   - BENCHRIG_MODRES_BUILDTREES: the trees of build and rebuild, under the
//     same rules. Default "small", with -short too: a build cell of service
//     first compiles the whole tree in its mode (expect tens of seconds a
//     mode on a 2-vCPU machine), which alone would take the default run
//     past its budget. Set
//     BENCHRIG_MODRES_BUILDTREES=service (or small,service) for the no-op
//     build, cold build and edit-build loop of a service-shaped tree.
//   - BENCHRIG_MODRES_MODULE: absolute path of your module's root (the dir
//     of its go.mod), run as tree=own after the presets of
//     BENCHRIG_MODRES_TREES. What it holds is checked when the first
//     tree=own cell runs (a skip, see "The trees"); a relative path is a
//     configuration error.
//   - BENCHRIG_MODRES_CLEAN: a boolean; 1 adds the cache=clean cells of
//     packages and build (and of golist under -short) to the run. Default
//     off.
//   - BENCHRIG_MODRES_TOOLS: a comma-separated list of claim tools (hello,
//     test, download) whose every cell runs: hello clean and warm, test
//     warm (and clean with BENCHRIG_MODRES_CLEAN=1), download warm and
//     cold. Default none: only hello warm runs. An unknown or repeated
//     name is a configuration error (exit status 2).
//   - BENCHRIG_MODRES_TMPFS: the directory on a tmpfs mount under which
//     gocache=tmpfs puts its GOCACHE. Default /dev/shm. A set value that is
//     missing, not a directory, not tmpfs or not writable is a
//     configuration error naming the variable (exit status 2); when the
//     default is unusable the tmpfs cells skip with the reason.
//   - BENCHRIG_MODRES_MODCACHE, BENCHRIG_MODRES_GOCACHE: a directory on
//     another filesystem (another disk, a tmpfs such as /dev/shm) for the
//     module cache and GOCACHE of the placed cells. Setting either adds,
//     after every cell that keeps its caches in scratch (gocache=disk or
//     none), its placed twin: the same op with its own copy of the tree's
//     module cache and GOCACHE, each in a locked run dir under the knob's
//     directory (swept like scratch, removed at the end and on a signal),
//     or in scratch when only the other knob is set. A twin's name ends
//     .../gocache=<g>/modcache=<m>, where <g> and <m> are the filesystem
//     type of the placed cache ("tmpfs", "ext4", ...) or "disk" for one left
//     in scratch; the file's config lines modcache-fs, modcache-device,
//     gocache-fs and gocache-device name each placement's filesystem and
//     block device ("none" for a knob not set, and for the device of a
//     tmpfs). Cold cannot evict a cache on tmpfs: there it evicts the rest.
//     A value that is not an absolute, existing, writable directory, or
//     that lies inside BENCHRIG_MODRES_MODULE, is a configuration error
//     (exit status 2); a filesystem without room for the copy skips the
//     twin with the bytes needed and free. Both on /dev/shm is the claim
//     "both caches on tmpfs"; the module cache on a second disk is "GOMODCACHE
//     on its own disk" (compare the twin with its cell).
//   - BENCHRIG_MODRES_MODULES: removed (module counts, before trees had
//     names); set it and the run stops with exit status 2, pointing at
//     BENCHRIG_MODRES_TREES.
//   - BENCHRIG_DIR (harness): where trees and caches live; it must be on the
//     disk being measured, and disk-backed for cold.
//   - -short: the smoke-run cells below, on tree=small.
//
// # Reading the numbers
//
//   - ns/op: wall time of one op: for golist and build from starting the
//     child to reaping it (output decoding included for golist); for
//     packages the whole packages.Load call.
//
//   - read-B/op, write-B/op: rusage Inblock/Oublock × 512 of every child
//     process waited for during the op (RUSAGE_CHILDREN, via harness.Meter):
//     the go command and the grandchildren it waits for (compile, asm); for
//     packages, every go command packages.Load starts. These count bytes
//     that really came from storage: page-cache hits read 0.
//
//   - dev-reads/op: read requests completed by the scratch block device
//     during the op (/sys/block/<dev>/stat, via harness). It counts the
//     whole device, so other processes on the machine add noise; read-B/op
//     is the go command's own. Linux has no "seek" counter (SSDs no
//     seeks); dev-reads/op is the closest stand-in. One read request
//     carries 512 bytes or more, so dev-reads/op well above read-B/op /
//     512, or above zero where read-B/op is 0 (warm), is another process
//     using the disk; rerun on a quiet machine.
//
//   - dev-qd-mean, dev-qd-p99 (build, cache=cold only): the scratch
//     device's requests in flight during the ops, measured from outside
//     the go command: the mean is exact (the device's time_in_queue
//     counter over the wall time, iostat's aqu-sz), the p99 is sampled
//     (the device's inflight file read every millisecond by a goroutine
//     of the benchmark, a few µs of CPU each). The device counts every
//     process: other-dev-reads is the share of the device's read bytes
//     that the go command's processes did not read (0 on a quiet
//     machine); a median of 0.25 or more flags the row busy, as
//     other-cpus does. Absent, with a note, where the scratch dir has no
//     block device (tmpfs).
//
//   - majflt/op, minflt/op: page faults of the child(ren).
//
//   - maxrss-B/op: peak resident set size of the go command's process tree
//     (ru_maxrss of the one child, from wait4: the largest of go, compile,
//     asm and link), averaged over ops. Reported for golist, build and
//     rebuild on Linux; absent, with the reason in a "# benchrig:" note
//     once per run, for packages (go/packages starts its go commands
//     itself, and all children's usage has only a lifetime maximum) and
//     on other systems.
//
//   - opens/op: files the go command's process tree opened (successful
//     open, openat and openat2 calls), counted in one untimed pass per
//     sub-benchmark under strace -f -c, run after the cache state is set
//     up and before the timed loop, so the timed ops run untraced. It is a
//     count for one op, not a mean. Reported for golist, build and
//     rebuild in the warm and cold states; absent, with a "# benchrig:"
//     note, for packages, for cache=clean (the pass would be one more full
//     compile) and where strace is missing or ptrace is not permitted. It
//     is never 0.
//
//   - run-ns/op: hello only: the built binary's wall time, run by the
//     benchmark after each op (see tool hello); its peak RSS is not
//     reported (a note says why).
//
//   - files/op: download only: regular files created in the empty module
//     cache by one op.
//
// File-level config lines (claim C3), probed once before any result by a
// go mod download of a one-module tree into an empty private module cache:
// modcache-extracted (what <GOMODCACHE>/<module>@<version> is: dir,
// symlink or other) and modcache-info (the .info file's JSON field names,
// lowercase, sorted, comma-separated, e.g. time,version; h1-hash appended
// when a field holds an h1: hash). unknown, with a note, when the probe
// fails. Both are unset after modres's results.
//
// Only warm numbers compare with what a developer sees at the keyboard most
// of the time; cold is the first command after a reboot or cache pressure;
// clean is a fresh GOCACHE (CI without a cache).
//
// # Cells and run time
//
// A cell (sub-benchmark) runs its ops for the -benchtime (default 1s;
// -short 100ms), at least one, after untimed priming (the first op into a
// fresh GOCACHE, eviction, the strace pass), in both modes on every tree.
//
//	run       tool      cache (gocache)                  cells per tree
//	default   golist    clean, warm, cold                6
//	          packages  warm                             2
//	          build     warm (disk), cold (disk)         4
//	          rebuild   warm (disk, tmpfs)               4
//	          hello     warm (tree=hello)                1
//	-short    golist    warm                             2
//	          build     warm (disk)                      2
//	CLEAN=1   adds packages clean, build clean (disk, tmpfs; disk
//	          only under -short) and, under -short, golist clean
//	TOOLS=    hello clean and warm; test warm (tree=service, also
//	          under -short; clean with CLEAN=1); download warm, cold
//	          (tree=service, small under -short)
//	MODCACHE= after each cell with its caches in scratch, its placed
//	GOCACHE=  twin (.../gocache=<fs>/modcache=<fs>)
//	claims    BENCHRIG_CLAIMS=1 (go tool benchrig run -claims): only the
//	          cells the claims are judged from, on tree=service: build
//	          clean (both modes), warm (both modes, traced), cold (mod,
//	          with the queue depth); hello warm and its twin with both
//	          caches on the tmpfs of BENCHRIG_MODRES_TMPFS (unless the
//	          placement knobs say otherwise); test warm; download cold;
//	          every mod cell before the vendor ones, except in the even
//	          processes of go tool benchrig run (BENCHRIG_ITERATION),
//	          which take the vendor cells first
//
// The default run has golist and packages on tree=service and build and
// rebuild on tree=small (BENCHRIG_MODRES_BUILDTREES), the -short run
// everything on tree=small. On a quiet 2-vCPU VM, with the test binary
// built and one sample a cell, expect the default run to take one to two
// minutes (most of it service's golist and packages cells with the tree's
// preparation), -short under half a minute, build cells on service several
// minutes (each build mode first compiles the tree into GOCACHE), and
// tree=own on a real project of a hundred-odd modules a quarter of an hour
// or more at -count 6 (its preparation copies, downloads, vendors and
// builds the module in each mode). The measured run time of every run kind
// is in docs/validation.md.
//
// hello warm adds about half a second a sample. test on service first
// compiles the tree and its tests (about 80 s here), then about 2 s an op;
// download about a second an op plus the eviction. claimToolCells lists
// the claim tools' cells for a run that checks claims.
//
// A cell's sample costs more than its ops: warm reads the whole module
// cache and main module back in and proves them resident, cold evicts them
// before every op (one syncfs, then a POSIX_FADV_DONTNEED per file), and
// the strace pass runs one more op. A clean build
// (BENCHRIG_MODRES_CLEAN=1) compiles the runtime and the tree on every op:
// one op per cell and per -count.
//
// Samples come from -count: use -count 6 or more (benchstat needs 6 for a
// significance test), about 6 times the run time above. Each tool's cells
// can be picked with -bench, e.g. -bench 'Resolve/tool=golist' -count 10
// to compare modes quickly. go test -count runs each cell's samples back
// to back, so the mod and vendor cells of one tool are a minute or more
// apart, and a machine that drifts in between moves the ratio: on a shared
// VM, expect that to move a vendor/mod ratio by more than its confidence
// interval shows (docs/validation.md has a measured case).
// go tool benchrig run -count 6 instead starts a fresh process per sample,
// so each cell's six samples spread over the whole run (each process
// prepares its trees again: slower, but drift hits both modes alike).
//
// # Against hyperfine
//
// benchrig's vendor/mod ratios were checked against hyperfine running the
// same go list and go build command lines on the same trees (the
// reference modules of fixtures/testdata/reference and the service
// preset); the table, with its date, machine and commands, is in
// docs/validation.md. On a quiet machine, expect benchrig's ratios to
// agree with hyperfine's within about a fifth, and cold read-B to fall
// short of a run after drop_caches=3 on large trees: benchrig evicts file contents with
// POSIX_FADV_DONTNEED, which is all an unprivileged process can do, so
// inodes, directory blocks and dentries stay cached, where drop_caches=3
// (root) drops them too and both modes then read tens of MB of metadata
// more. Evicting with vmtouch -e, the same call, gives benchrig's
// figures. Read cold as "the files' contents cold"; a cold boot also
// reads the metadata.
//
// Suggested run for the vendor/mod ratio, each sample a fresh process, then
// a table with vendor and mod side by side:
//
//	f=$(go tool benchrig run -count 6 -pkg ./bench/modres -bench 'Resolve/tool=golist' mine)
//	go tool benchstat -col /mode "$f"
//
// (run prints the path of its file, in the results dir).
//
// go test -run '^$' -bench . -count 6 ./bench/modres > mr.txt gives every
// cell in one process (each tree prepared once), at the price of the drift
// above.
package modres
