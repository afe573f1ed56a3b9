package report

import (
	"fmt"
	"slices"
)

var (
	randread4k  = []string{"op=randread", "bs=4KiB", "qd=1", "io=direct"}
	coldPop     = []string{"cache=cold", "prefault=populate", "access=seq"}
	coldNone    = []string{"cache=cold", "prefault=none", "access=seq"}
	buildCold   = []string{"tool=build", "mode=mod", "cache=cold"}
	buildVendor = []string{"tool=build", "mode=vendor", "cache=clean"}
	buildMod    = []string{"tool=build", "mode=mod", "cache=clean"}
	// rebuildSmall is the edit-compile-link loop on the smallest tree, the
	// nearest benchrig op to building a one-file program.
	rebuildSmall = []string{"tool=rebuild", "mode=mod", "tree=small", "cache=warm", "gocache=disk"}
	buildWarmMod = []string{"tool=build", "mode=mod", "cache=warm", "gocache=disk"}
	buildWarmVnd = []string{"tool=build", "mode=vendor", "cache=warm", "gocache=disk"}
)

// Claims are the claims of a widely shared blog post on whether Go needs a
// powerful computer, each with the rule that judges it from the data.
var Claims = []Claim{
	{ID: "C1", Text: "go build of a one-file hello world takes 320 ms (Core i3-3217U), max RSS 42 MB; running it < 100 ms, < 50 MB",
		Tests: "BenchmarkResolve/tool=rebuild/mode=mod/tree=small/cache=warm/gocache=disk ns/op and maxrss-B/op (edit one file, compile, link; tree=small is the default build tree)",
		Would: "a one-file main package instead of the small tree's 10 modules; running the binary is not measured",
		judge: withRows("modres", [][]string{rebuildSmall}, func(r []*Row) (string, Verdict) {
			t, rss := must(r[0], "ns/op"), must(r[0], "maxrss-B/op")
			return fmt.Sprintf("edit, compile and link of the small tree: %s, max RSS %s (holds within %s and %s; running it not measured)",
					text(t), text(rss), bandText(320e6, "ns/op"), bandText(42e6, "B/op")),
				verdictOf(nearStat(t, 320e6), nearStat(rss, 42e6))
		})},
	{ID: "C2", Text: "go build of one file uses 30–60 MB; go test ./... of a mid-sized project 120–300 MB",
		Tests: "BenchmarkResolve/tool=rebuild/mode=mod/tree=small/cache=warm/gocache=disk maxrss-B/op (the go command's process tree); the go build part only",
		Would: "a go test ./... op on a mid-sized tree, which benchrig does not have",
		judge: withRows("modres", [][]string{rebuildSmall}, func(r []*Row) (string, Verdict) {
			rss := must(r[0], "maxrss-B/op")
			return fmt.Sprintf("build of the small tree: max RSS %s (holds within %s–%s; go test not measured)",
					text(rss), Value(30e6/Band, "B/op"), Value(60e6*Band, "B/op")),
				verdictOf(inBand(rss, 30e6, 60e6))
		})},
	{ID: "C3", Text: "pkg/mod/<module>@<version>/ is a symlink to the extracted zip; .info files record checksums",
		Tests: "not a performance claim", Would: "the cache layout itself: ls -l $(go env GOMODCACHE) (extracted modules are directories) and cat of a cache/download/…/@v/*.info file (version and time)"},
	{ID: "C4", Text: "go mod download is write-heavy (87 writes/s vs 12 reads/s) and serializes writes with a mutex",
		Tests: "none yet", Would: "a download op from a file proxy into an empty module cache: write-B/op vs read-B/op"},
	{ID: "C5", Text: "GOMODCACHE on its own disk makes go build start 45–65 ms faster; go list -m all makes 68% fewer fstat calls",
		Tests: "modres on each disk (BENCHRIG_DIR), one file per disk, compared as machines",
		Would: "two modres runs, BENCHRIG_DIR on each disk, read side by side in this report; opens/op counts file opens, not fstat calls"},
	{ID: "C6", Text: "vendor mode: a first go build takes 8.4 s vs 2.1 s in module mode (4×), opening 12,486 vs 1,832 files",
		Tests: "BenchmarkResolve/tool=build/mode=vendor|mod/cache=clean ns/op (BENCHRIG_MODRES_CLEAN=1); files opened from tool=build/cache=warm opens/op",
		Would: "the same rows on a tree the claim's size (23 direct + 87 indirect dependencies: point BENCHRIG_MODRES_MODULE at such a module)",
		judge: c6},
	{ID: "C7", Text: "SSD 4 KiB random reads: 42 MB/s at 120 µs; 128 KiB sequential writes: 680 MB/s",
		Tests: "BenchmarkDirectIO/op=randread/bs=4KiB/qd=1/io=direct MB/s and p50-ns",
		Would: "the same rows with BENCHRIG_DIR on the SSD; benchrig writes 4 KiB and 1 MiB, not 128 KiB",
		judge: withRows("directio", [][]string{randread4k}, func(r []*Row) (string, Verdict) {
			mb, p50 := must(r[0], "MB/s"), must(r[0], "p50-ns")
			return fmt.Sprintf("%s at p50 %s (holds within %s and %s)", text(mb), text(p50), bandText(42, "MB/s"), bandText(120e3, "p50-ns")),
				verdictOf(nearStat(mb, 42), nearStat(p50, 120e3))
		})},
	{ID: "C8", Text: "block-layer latency during go build/test averages 12.4 ms (block_rq_issue)",
		Tests: "BenchmarkDirectIO/op=randread/bs=4KiB/qd=1/io=direct ns/op (mean time per request at qd=1)",
		Would: "the same row on the disk under test, beside a blktrace of go build",
		judge: withRows("directio", [][]string{randread4k}, func(r []*Row) (string, Verdict) {
			s := must(r[0], "ns/op")
			return fmt.Sprintf("%s per request (holds within %s)", text(s), bandText(12.4e6, "ns/op")), verdictOf(nearStat(s, 12.4e6))
		})},
	{ID: "C9", Text: "MAP_POPULATE adds 8.2 ms when the NVMe queue is full; without populate 0.3 ms",
		Tests: "BenchmarkMmap/cache=cold/prefault=populate|none/access=seq map-ns/op",
		Would: "the same rows on the user's disk; the claim names no file size, and the go toolchain does not map its binaries with MAP_POPULATE",
		judge: withRows("mmap", [][]string{coldPop, coldNone}, func(r []*Row) (string, Verdict) {
			pop, none := must(r[0], "map-ns/op"), must(r[1], "map-ns/op")
			return fmt.Sprintf("mmap() %s with populate, %s without (%s file; holds within %s and %s)", text(pop), text(none), r[0].Keys["size"], bandText(8.2e6, "ns/op"), bandText(0.3e6, "ns/op")),
				verdictOf(nearStat(pop, 8.2e6), nearStat(none, 0.3e6))
		})},
	{ID: "C10", Text: "a counter sharing a cache line raises L3 bandwidth by 37% and causes 12 ms I/O waits; padding to 64 bytes fixes it",
		Tests: "BenchmarkFalseSharing/layout=packed|pad64/goroutines=2 ns/op (the padding part)",
		Would: "L3 bandwidth from perf counters and scheduler latency traces, which benchrig does not measure",
		judge: withRows("falseshare", [][]string{{"layout=packed", "goroutines=2"}, {"layout=pad64", "goroutines=2"}}, func(r []*Row) (string, Verdict) {
			q := ratio(must(r[0], "ns/op"), must(r[1], "ns/op"))
			return fmt.Sprintf("packed/pad64 %s (holds when above 1)", q), verdictOf(above(q))
		})},
	{ID: "C11", Text: "GOCACHE (2 GiB) and GOMODCACHE (4 GiB) on tmpfs speed up builds markedly",
		Tests: "BenchmarkResolve/tool=build/mode=mod/cache=clean (else tool=rebuild/cache=warm)/gocache=disk vs gocache=tmpfs ns/op; GOCACHE only",
		Would: "GOMODCACHE on tmpfs too, which benchrig does not move",
		judge: c11},
	{ID: "C12", Text: "a fio job with 4–64 KiB blocks, 80% reads / 20% writes at iodepth 16 reproduces Go module I/O",
		Tests: "BenchmarkResolve/tool=build/mode=mod/cache=cold read-B/op, write-B/op, dev-reads/op",
		Would: "the same row on a quiet machine (dev-reads/op counts the whole device); queue depth is not measured",
		judge: withRows("modres", [][]string{buildCold}, c12)},
}

// c12 judges the claimed I/O mix: the mean device read size must lie in
// 4–64 KiB and writes must be 10–30% of the bytes.
func c12(r []*Row) (string, Verdict) {
	rd, wr, n := must(r[0], "read-B/op"), must(r[0], "write-B/op"), must(r[0], "dev-reads/op")
	if rd.N == 0 || wr.N == 0 || n.N == 0 || n.Center == 0 || rd.Center+wr.Center == 0 {
		return fmt.Sprintf("read-B/op, write-B/op or dev-reads/op missing or zero (%s, %s, %s)", text(rd), text(wr), text(n)), NotTestable
	}
	size := rd.Center / n.Center
	share := wr.Center / (rd.Center + wr.Center)
	return fmt.Sprintf("mean read %s, writes %.0f%% of bytes (medians; holds for 4–64 KiB and 10–30%%)", Value(size, "B/op"), share*100),
		verdictOf(size >= 4096 && size <= 65536, share >= 0.1 && share <= 0.3)
}

// c6 judges the vendor/mod ratio of a first (clean) build, and, where the
// warm build rows count them, the files each mode opens.
func c6(m *Machine) (string, Verdict, []*Row) {
	rows, why := m.rowsOf("modres", buildVendor, buildMod)
	if rows == nil {
		return why + " (a clean build runs with BENCHRIG_MODRES_CLEAN=1)", NotTestable, nil
	}
	q := ratio(must(rows[0], "ns/op"), must(rows[1], "ns/op"))
	num := fmt.Sprintf("vendor/mod %s (claimed 4×, holds within %g×)", q, Band)
	parts := []bool{nearRatio(q, 4)}
	if warm, _ := m.rowsOf("modres", sameScale(buildWarmVnd, rows[0]), sameScale(buildWarmMod, rows[0])); warm != nil {
		v, md := must(warm[0], "opens/op"), must(warm[1], "opens/op")
		if v.N > 0 && md.N > 0 {
			o := ratio(v, md)
			num += fmt.Sprintf("; a no-op build opens %s vs %s files, vendor/mod %s (claimed 6.8×)", text(v), text(md), o)
			parts = append(parts, nearRatio(o, 12486.0/1832))
			rows = append(rows, warm...)
		}
	}
	return num, verdictOf(parts...), rows
}

// Markedly is how much faster a build must be for C11 to hold: its
// disk/tmpfs time ratio's interval must lie above it.
const Markedly = 1.10

// c11 judges GOCACHE on tmpfs against GOCACHE on disk: a clean build where
// the run has one (it writes the whole cache), else the edit-build loop.
func c11(m *Machine) (string, Verdict, []*Row) {
	var why string
	for _, op := range [][]string{{"tool=build", "mode=mod", "cache=clean"}, {"tool=rebuild", "mode=mod", "cache=warm"}} {
		rows, w := m.rowsOf("modres", append(slices.Clone(op), "gocache=disk"), append(slices.Clone(op), "gocache=tmpfs"))
		if rows == nil {
			if why == "" {
				why = w
			}
			continue
		}
		q := ratio(must(rows[0], "ns/op"), must(rows[1], "ns/op"))
		ok := q.Center > Markedly
		if q.HasCI() {
			ok = q.Lo > Markedly
		}
		return fmt.Sprintf("%s %s: disk/tmpfs %s (%s disk, %s tmpfs; holds above %.2f×)",
			rows[0].Keys["tool"], rows[0].Keys["cache"], q, text(must(rows[0], "ns/op")), text(must(rows[1], "ns/op")), Markedly), verdictOf(ok), rows
	}
	return why, NotTestable, nil
}
