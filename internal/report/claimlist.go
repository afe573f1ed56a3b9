package report

import "fmt"

var (
	randread4k  = []string{"op=randread", "bs=4KiB", "qd=1", "io=direct"}
	coldPop     = []string{"cache=cold", "prefault=populate", "access=seq"}
	coldNone    = []string{"cache=cold", "prefault=none", "access=seq"}
	buildCold   = []string{"tool=build", "mode=mod", "cache=cold"}
	buildVendor = []string{"tool=build", "mode=vendor", "cache=clean"}
	buildMod    = []string{"tool=build", "mode=mod", "cache=clean"}
)

// Claims are the claims of a widely shared blog post on whether Go needs a
// powerful computer, each with the rule that judges it from the data.
var Claims = []Claim{
	{ID: "C1", Text: "go build of a one-file hello world takes 320 ms (Core i3-3217U), max RSS 42 MB; running it < 100 ms, < 50 MB",
		Tests: "none yet", Would: "a build-loop op (build and link a main package) reporting the go command's max RSS"},
	{ID: "C2", Text: "go build of one file uses 30–60 MB; go test ./... of a mid-sized project 120–300 MB",
		Tests: "none yet", Would: "max RSS of the go command and its children per op"},
	{ID: "C3", Text: "pkg/mod/<module>@<version>/ is a symlink to the extracted zip; .info files record checksums",
		Tests: "not a performance claim", Would: "the cache layout itself: ls -l $(go env GOMODCACHE) (extracted modules are directories) and cat of a cache/download/…/@v/*.info file (version and time)"},
	{ID: "C4", Text: "go mod download is write-heavy (87 writes/s vs 12 reads/s) and serializes writes with a mutex",
		Tests: "none yet", Would: "a download op from a file proxy into an empty module cache: write-B/op vs read-B/op"},
	{ID: "C5", Text: "GOMODCACHE on its own disk makes go build start 45–65 ms faster; go list -m all makes 68% fewer fstat calls",
		Tests: "modres on each disk (BENCHRIG_DIR), across machines", Would: "modres with BENCHRIG_DIR on each disk, and syscall counts of an untimed pass"},
	{ID: "C6", Text: "vendor mode: a first go build takes 8.4 s vs 2.1 s in module mode (4×), opening 12,486 vs 1,832 files",
		Tests: "BenchmarkResolve/tool=build/mode=vendor|mod/cache=clean ns/op",
		Would: "the same rows on a tree the claim's size (23 direct + 87 indirect dependencies: point BENCHRIG_MODRES_MODULE at such a module); files opened are not counted",
		judge: withRows("modres", [][]string{buildVendor, buildMod}, func(r []*Row) (string, Verdict) {
			q := ratio(must(r[0], "ns/op"), must(r[1], "ns/op"))
			return fmt.Sprintf("vendor/mod %s (claimed 4×, holds within %g×)", q, Band), verdictOf(nearRatio(q, 4))
		})},
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
		Tests: "none yet", Would: "a GOCACHE/GOMODCACHE placement axis for modres: disk vs tmpfs, warm/cold/clean"},
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
