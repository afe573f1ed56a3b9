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
//	BenchmarkResolve/tool=<hello|test|download>/mode=mod/tree=<hello|service|small>/cache=<warm|cold|clean>
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
// The claim tools (claims C1, C2 and C4 of /work/shared/claims.md), mode=mod
// only:
//
//   - hello (tree=hello: a module made by go mod init, so its go directive
//     is the running go's version, no dependencies, one main.go printing
//     with fmt.Println): go build -o <scratch>/bin/hello . (no -mod flag:
//     what a user types). Before each op (untimed) main.go is rewritten
//     with a new greeting and a new mtime, as after editing hello.go, so
//     warm compiles the main package and links, the standard library
//     cached; a no-op build would measure neither. clean empties GOCACHE
//     before each op: the runtime and fmt compiled too. After each op
//     (untimed, not metered) the benchmark runs the binary: run-ns/op is
//     its wall time from start to reap. Its peak RSS is not reported:
//     Linux counts the launcher's own peak RSS as a child's, and a Go
//     hello world's (about 2.5 MB) stays below any Go launcher's (a note
//     says so).
//   - test: go test -mod=mod -count=1 -run '^$' ./... in the main module
//     of tree=service, whose 8 library packages have 17 _test.go files
//     (the preset's Spec.Tests applies to the main module; no generator
//     change). -count=1 turns off the test result cache: without it a
//     warm op prints "(cached)" for every package and links nothing (go
//     test -x shows no link). With it, warm relinks every test binary
//     (compiles nothing, vet is cached) and runs each, selecting no test.
//     maxrss-B/op is the largest single process of the tree (go, compile,
//     link or a test binary), not the sum of those running at once.
//   - download: go mod download (GOFLAGS=-mod=mod) in the main module
//     (tree=service; small under -short) from the tree's file proxy into
//     an empty private module cache (<scratch>/dlcache, emptied before each
//     op, untimed; GOFLAGS holds -modcacherw, so it can be removed).
//     files/op counts the regular files it created there. warm: the proxy
//     and go.mod/go.sum are proven resident; cold: they are evicted before
//     each op and zero residency proven. The peak number of go command
//     threads in I/O at once is not reported: sampling /proc task states
//     on a timer misses short waits, and buffered writes go to the page
//     cache without blocking, so a sampled count would say little about
//     the claim's "serializes writes with a mutex", which is not measured.
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
package modres

// The package comment goes on in doc_run.go: knobs, metrics, cells and run
// time, and the check against hyperfine.
