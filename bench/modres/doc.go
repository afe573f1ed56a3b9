// Package modres measures what resolving a module's package graph costs in
// vendor mode and in module mode: the wall time, the bytes read from storage,
// the device read requests and the page faults of the go command.
//
// # What is measured
//
// One benchmark, named
//
//	BenchmarkResolve/tool=<golist|packages>/mode=<mod|vendor>/tree=<name>/cache=<warm|cold|clean>
//	BenchmarkResolve/tool=<build|rebuild>/mode=<mod|vendor>/tree=<name>/cache=<warm|cold|clean>/gocache=<disk|tmpfs>
//
// runs one op per iteration against a module tree: a synthetic one (package
// fixtures) named by its preset (tree=small, tree=service), or a copy of
// your own module (tree=own, BENCHRIG_MODRES_MODULE). Which cells a run has
// is in "Cells and run time" below.
//
// The tools (one op each):
//
//   - golist: go list -mod=M -deps -json=FIELDS ./... in the main module,
//     FIELDS being those go/packages asks for with packages' load mode
//     (listFields). Not a bare -json: that asks for Stale too, and to
//     compute it go list hashes every source file of every package, a
//     no-op build's work (tool=build measures that). The op includes
//     decoding the whole JSON stream with encoding/json; the package count
//     must be positive and the same on every op.
//   - packages: golang.org/x/tools/go/packages.Load of ./... with
//     NeedName|NeedFiles|NeedImports|NeedDeps|NeedModule. go/packages runs
//     go list underneath (plus a go list probe of the go version). -mod=M
//     is passed both ways go/packages allows: as Config.BuildFlags (its go
//     list command line) and as GOFLAGS=-mod=M in Config.Env (every go
//     command it starts). Each alone selects the mode
//     (TestPackagesModeFlag); with both, the command-line flag counts. No
//     package may carry an error.
//   - build: go build -mod=M -o <scratch>/bin/ <main package> in the main
//     module: the main package compiled and linked, the binary written to
//     scratch. The main package is the module root when it is package
//     main, else the first package main of the main module in import-path
//     order (a synthetic tree's is fixtures.MainPackageDir, which imports
//     every package of the main module). A module without one (tree=own
//     only) skips build and rebuild with the reason. Warm, the binary in
//     scratch is up to date, so go build checks build IDs and neither
//     compiles nor links (maxrss-B/op shows no linker); clean, it compiles
//     the whole tree and the runtime packages a binary needs, and links.
//   - rebuild: the edit-build loop. Before each op (untimed, not metered)
//     one file of a leaf package gets a new package-level variable with a
//     new value and a real new mtime (and is synced, so cold can evict
//     it); then the same go build as build. The leaf package is the first,
//     in import-path order, of the main module's packages that the main
//     package reaches and that import no other package of the main module
//     (a synthetic tree's p00); the file is its last Go file in go list's
//     order. It is recompiled and the binary linked again. Warm only
//     (clean would be build's clean). The file is restored, with its
//     old time, when the sub-benchmark ends.
//
// The modes are the go command's -mod flag, always passed explicitly: once
// vendor/ exists the go command picks vendor mode silently. Both modes use
// the same main module; vendor/ is made once by the real go mod vendor.
//
// The go command is the one found on PATH; its version is printed as the
// file-level config line "go-command". Without a go command, or when go env
// GOVERSION fails, the benchmark skips with the reason.
//
// # Cache states
//
//   - warm: one untimed op first, then the module cache, the main module
//     (vendor/ included) and GOCACHE are read in full and proven resident
//     before the timed loop. GOCACHE holds every result, so build is a
//     no-op build and go list answers from the module index.
//   - cold: one untimed op first fills GOCACHE, which keeps its contents.
//     Before each op (untimed, not metered) the module cache, the main
//     module (vendor/ included) and every GOCACHE file are evicted from the
//     page cache, and zero resident pages is proven. The module cache is
//     evicted in both modes, so anything vendor mode read from it would
//     count too. Cold needs a disk-backed BENCHRIG_DIR; on tmpfs it skips.
//   - clean: before each op (untimed) GOCACHE is emptied. GOCACHE holds the
//     module index as well as the compiled packages, so go list re-indexes
//     the modules and build compiles everything, the standard library
//     packages the tree imports included. The module cache and the main
//     module are proven resident before the loop.
//
// Cold does not evict GOROOT (the go command, compile, the standard
// library sources): it is shared with every Go process on the machine, not
// ours to disturb, and the same in both modes. Nor the kernel's dentry and
// inode caches, which no unprivileged call drops. Cold is "our files
// cold", not "reboot cold".
//
// # GOCACHE placement
//
// build and rebuild run with GOCACHE on the scratch disk (gocache=disk, the
// tree's own GOCACHE under BENCHRIG_DIR) and in RAM (gocache=tmpfs: a
// GOCACHE of the same tree in a new dir under BENCHRIG_MODRES_TMPFS, default
// /dev/shm, made for each cell as a copy of the disk GOCACHE, so its
// priming op compiles only what the disk GOCACHE lacks, and removed when
// BenchmarkResolve ends). The module cache and the main module stay on
// the disk either way, so the pair says what a build cache in RAM buys on
// this machine. gocache=tmpfs runs warm (and clean with
// BENCHRIG_MODRES_CLEAN=1), not cold (tmpfs pages cannot be evicted, so
// cold would differ from warm only by the sources) and not under -short.
// The dir lives in a locked run dir of its own under the tmpfs, which the
// next run that uses the tmpfs sweeps if this one is killed.
//
// # The trees
//
// Each tree is prepared once per run, untimed, in the shared scratch dir
// modres-<name>, and reused by every sub-benchmark. It gets a private
// GOMODCACHE, filled with go mod download from a file GOPROXY, the real go
// mod vendor, a private GOCACHE, and findTarget's main package and leaf.
//
// The presets (BENCHRIG_MODRES_TREES):
//
//	small    fixtures.Preset("small"): Seed 1, Modules 10, Depth 4,
//	         PackagesPerModule 2, FilesPerPackage 4, BytesPerFile 2048,
//	         ImportsPerPackage 3: the tree -short runs (it was modules=10
//	         before trees had names), every package reached from the main
//	         module, no standard-library imports
//	service  fixtures.Preset("service"): a service-shaped graph calibrated
//	         on a real module of widely used libraries (gin, grpc, the AWS
//	         SDK, pgx, prometheus, otel, ... in fixtures/testdata/reference):
//	         83 modules, 482 vendored packages in 3,608 files (52 MB), of
//	         which go list and go build here load 403 packages and skip 397
//	         files by name (for another GOOS, like a real tree's
//	         zsyscall_openbsd.go), a module cache of 2,538 packages and
//	         12,818 .go files (4,526 of them tests), long-tailed file
//	         sizes, standard-library imports; go doc ./fixtures gives the
//	         table of reference vs preset
//
// Hold your own module against them with
// go tool benchrig tree -stats DIR. A clean build of service
// compiles about 570 packages (standard library included): expect a
// minute or more on a 2-vCPU machine. A vendor-mode build after a
// mod-mode one compiles the tree again (vendored packages have other
// cache keys).
//
// tree=own is your module (BENCHRIG_MODRES_MODULE=/abs/path), prepared in
// these steps, all before the first timed op:
//
//  1. Checks that read only: the path is a directory holding go.mod and
//     go.sum; no go.work in it or in a parent and GOWORK unset or off (a
//     module inside a workspace resolves through it); go.mod parses and
//     replaces no module by a local directory.
//  2. Your go env GOMODCACHE, run in scratch with your environment but
//     GOTOOLCHAIN=local, TMPDIR in scratch and the config dir in scratch
//     with go telemetry off (GOENV still names your go env file), so it
//     writes nothing of yours. Its cache/download dir has the module proxy
//     layout and becomes GOPROXY=file://<GOMODCACHE>/cache/download, the
//     only proxy: nothing is fetched from the network and the dir is only
//     read.
//  3. A copy of the module into scratch without vendor/ (at the root), .git
//     and nested modules (directories with their own go.mod); symbolic
//     links and other irregular files are not copied. Every file and
//     directory of the copy gets fixtures.FileTime. The original is never
//     written.
//  4. As for a preset (fixtures' Tree.GoEnv, GOFLAGS=-modcacherw, GOWORK=off):
//     go mod download with GOFLAGS=-mod=mod fills the private module
//     cache, go mod vendor writes vendor/, times are pinned, and the main
//     package and leaf are picked.
//  5. golist in both modes and, when there is a main package, build in
//     both modes, once each (untimed): a module that does not build skips
//     here, with no partial numbers.
//
// A module that fails a step skips every tree=own cell with the note
//
//	BENCHRIG_MODRES_MODULE=<dir>: <cause>; <fix>
//
// for: not a directory; no go.mod; no go.sum; GOWORK set; a go.work in the
// module or a parent; local replace targets (named); dependencies missing
// from the module cache (named, fix: go mod download in the module); a
// scratch dir inside the module (fix: BENCHRIG_DIR elsewhere); and does not
// build (the go command's error). A relative path is a configuration error
// (exit status 2): go test runs the benchmark in the package directory. A
// run interrupted mid-copy removes the copy with the rest of the run's
// scratch; a killed one leaves it to the next run's sweep.
//
// Every go command of the run (fixtures' Tree.GoEnv: file GOPROXY,
// GOSUMDB=off, GOTOOLCHAIN=local, no inherited GO* variable, HOME, TMPDIR
// and GOTMPDIR in scratch, telemetry off) reads and writes none of the
// user's caches, config or /tmp; the go env GOVERSION probe runs in a
// sandbox of its own, removed right after. Every go command is started
// with internal/child (own process group, SIGKILL when this process dies,
// killed by the harness on SIGINT or SIGTERM), except those go/packages
// starts inside packages.Load, without a process group of their own.
//
// # The module index
//
// The go command keeps an index of package metadata in GOCACHE
// (cmd/go/internal/modindex) and does not index a directory holding a file
// modified in the last few seconds. Every file of the trees (generated or
// copied from your module, extracted by go mod download, copied by go mod
// vendor) therefore gets the fixed, old time fixtures.FileTime before any
// op, as a real project's files are old. With that, after warm-up (TestModuleIndexAnswers checks
// each line):
//
//   - mod mode answers for dependency packages from the module index,
//     keyed by module version, without reading their sources again, and
//     for the main module's packages from the per-package index, keyed by
//     file names, sizes and times;
//   - vendor mode uses no index: every go command reads the sources of
//     every package, vendor/ and the main module's own.
//
// A clean op empties GOCACHE and with it the index, so clean measures
// building the index too (mod mode) or nothing extra (vendor mode).
//
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
//   - BENCHRIG_MODRES_TMPFS: the directory on a tmpfs mount under which
//     gocache=tmpfs puts its GOCACHE. Default /dev/shm. A set value that is
//     missing, not a directory, not tmpfs or not writable is a
//     configuration error naming the variable (exit status 2); when the
//     default is unusable the tmpfs cells skip with the reason.
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
//   - read-B/op, write-B/op: rusage Inblock/Oublock × 512 of every child
//     process waited for during the op (RUSAGE_CHILDREN, via harness.Meter):
//     the go command and the grandchildren it waits for (compile, asm); for
//     packages, every go command packages.Load starts. These count bytes
//     that really came from storage: page-cache hits read 0.
//   - dev-reads/op: read requests completed by the scratch block device
//     during the op (/sys/block/<dev>/stat, via harness). It counts the
//     whole device, so other processes on the machine add noise; read-B/op
//     is the go command's own. Linux has no "seek" counter (SSDs no
//     seeks); dev-reads/op is the closest stand-in. One read request
//     carries 512 bytes or more, so dev-reads/op well above read-B/op /
//     512, or above zero where read-B/op is 0 (warm), is another process
//     using the disk; rerun on a quiet machine.
//   - majflt/op, minflt/op: page faults of the child(ren).
//   - maxrss-B/op: peak resident set size of the go command's process tree
//     (ru_maxrss of the one child, from wait4: the largest of go, compile,
//     asm and link), averaged over ops. Reported for golist, build and
//     rebuild on Linux; absent, with the reason in a "# benchrig:" note
//     once per run, for packages (go/packages starts its go commands
//     itself, and all children's usage has only a lifetime maximum) and
//     on other systems.
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
//	-short    golist    warm                             2
//	          build     warm (disk)                      2
//	CLEAN=1   adds packages clean, build clean (disk, tmpfs; disk
//	          only under -short) and, under -short, golist clean
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
