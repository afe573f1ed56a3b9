package mmap

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/mmapx"
	"github.com/benchrig/benchrig/internal/platform"
)

func TestMain(m *testing.M) {
	harness.Main(m, harness.Family{
		Name:  name,
		Units: []string{"map-ns/op", "touch-ns/op"},
		Keys:  []string{"pagesize"},
		Setup: setup,
	})
}

// sink keeps the touched bytes alive so the compiler cannot drop the reads.
var sink uint64

func BenchmarkMmap(b *testing.B) {
	size := runConfig(b).size
	for _, v := range sharedMatrix(testing.Short()) {
		if harness.ClaimCell(v.name(size)) {
			b.Run(v.name(size), func(b *testing.B) { benchMmap(b, size, false, v) })
		}
	}
}

func BenchmarkMmapPrivate(b *testing.B) {
	if testing.Short() {
		harness.Skipf(b, "-short: the private-mapping contrast is not part of the smoke run; drop -short to run it")
	}
	if harness.Claims() {
		harness.Skipf(b, "a claims run (BENCHRIG_CLAIMS=1): no claim is judged from private mappings")
	}
	size := runConfig(b).size
	for _, v := range privateMatrix() {
		if harness.ClaimCell(v.name(size)) {
			b.Run(v.name(size), func(b *testing.B) { benchMmap(b, size, true, v) })
		}
	}
}

// benchMmap runs one sub-benchmark: ops as doc.go defines them, on the run's
// data file, in the cache state v asks for.
func benchMmap(b *testing.B, size int64, private bool, v variant) {
	path, f := openDataFile(b, size, v)
	defer f.Close()
	dir := filepath.Dir(path)
	m := newMapper(f, int(size), os.Getpagesize(), private, v.pre, v.acc)

	// Page faults and reads are counted per thread: keep every op on this one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if !v.cold {
		resetWarm(b, path)
	}

	b.SetBytes(size)
	var (
		mapD, touchD time.Duration
		sum          uint64
		n            int64
	)
	meter := harness.StartMeter(b, harness.Thread, dir)
	for b.Loop() {
		if v.cold {
			b.StopTimer()
			meter.Pause()
			harness.Cold(b, path)
			meter.Resume()
			b.StartTimer()
		}
		md, td, s, err := m.op()
		if err != nil {
			b.Fatal(err)
		}
		mapD += md
		touchD += td
		sum += s
		n++
	}
	meter.Stop()
	sink += sum

	if !v.cold {
		checkWarm(b, meter, path, n, size)
	}
	harness.Report(b, float64(mapD.Nanoseconds())/float64(n), "map-ns/op")
	harness.Report(b, float64(touchD.Nanoseconds())/float64(n), "touch-ns/op")
	meter.Report(b, n)
}

// openDataFile skips b when the system cannot run v, and opens the run's
// data file of size bytes (written on first use).
func openDataFile(b *testing.B, size int64, v variant) (string, *os.File) {
	harness.RequireLinux(b)
	if v.pre == prefaultPopulateRead {
		requirePopulateRead(b)
	}
	path := dataFile(b, size)
	if v.cold {
		harness.RequireDisk(b, filepath.Dir(path))
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatalf("opening mmap data file: %v", err)
	}
	return path, f
}

// resetWarm brings path into the page cache for a cache=warm run. How the
// file entered the page cache (sequential readahead, or scattered faults of
// an earlier access=rand run) decides its folio sizes, and so how many
// faults a warm op takes. Start every warm run from the same state: evicted
// (where the filesystem allows), then read sequentially.
func resetWarm(b *testing.B, path string) {
	if err := harness.Evict(path); err != nil {
		b.Fatalf("resetting the page cache before cache=warm: %v", err)
	}
	harness.Warm(b, path)
}

// checkWarm fails b when the n ops of a cache=warm run, size bytes each,
// read more than 0.1% of the touched bytes from storage. Every op touches
// every page, so a page that left the cache during the loop and was
// touched again was read from storage: that is the criterion. Pages
// dropped after their last touch (a DAMON pageout scheme reclaims idle
// memory without pressure; see the proactive-reclaim config line) did not
// touch the measurement and are only logged.
func checkWarm(b *testing.B, meter *harness.Meter, path string, n, size int64) {
	if read := meter.Usage().ReadBytes; read*1000 > n*size {
		b.Fatalf("cache=warm is false: %d bytes came from storage during the loop (%d ops of %d bytes); rerun with less load, a smaller %s, or check the proactive-reclaim config line", read, n, size, knob(knobSize))
	}
	r, err := harness.Resident(path)
	if err != nil {
		b.Fatalf("checking residency after the loop: %v", err)
	}
	if r.Resident < r.Pages {
		b.Logf("%s has %d of %d pages resident after the loop; %d bytes came from storage during it, so the ops stayed warm", path, r.Resident, r.Pages, meter.Usage().ReadBytes)
	}
}

// requirePopulateRead skips b when the kernel lacks MADV_POPULATE_READ.
func requirePopulateRead(b *testing.B) {
	err := mmapx.ProbePopulateRead()
	if errors.Is(err, mmapx.ErrPopulateReadUnsupported) {
		harness.Skipf(b, "MADV_POPULATE_READ needs Linux ≥ 5.14 (kernel is %s); run prefault=populate-read on a newer kernel", kernel())
	}
	if err != nil {
		b.Fatal(err)
	}
}

// kernel is the kernel release for the skip message. It reads uname only:
// harness.Environment would probe direct I/O with a file in the dir it is
// given.
func kernel() string {
	if k, err := platform.Kernel(); err == nil {
		return k
	}
	return "unknown"
}

// dataSlack is the free space asked for beyond the data file.
const dataSlack = 1 << 20

// dataFile returns the run's data file of size bytes, writing it on first
// use; every sub-benchmark and every -count reuses it.
func dataFile(tb testing.TB, size int64) string {
	tb.Helper()
	return harness.DataFile(tb, harness.Shared(tb, name, size+dataSlack), size, dataSeed)
}
