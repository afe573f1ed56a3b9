package directio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ncw "github.com/ncw/directio"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/dio"
)

func TestMain(m *testing.M) {
	harness.Main(m, harness.Family{Name: "directio", Units: []string{"io/s"}})
}

// ioCase is one sub-benchmark:
// op=<op>/bs=<bs>/qd=<qd>/io=<direct|buffered>/sync=<none|dsync>.
type ioCase struct {
	op     string // randread, seqread, seqwrite, randwrite
	bs     int64  // request size in bytes
	qd     int    // goroutines issuing requests at once on one shared fd
	direct bool   // O_DIRECT (io=direct) or the page cache (io=buffered)
	dsync  bool   // writes: O_DSYNC (sync=dsync), each write durable before it returns
}

// fullMatrix is the default run: enough to answer "4KiB random reads vs
// sequential writes" and how reads scale with queue depth, in about 30s. It is
// a chosen subset of the cross product, not all of it; see doc.go.
var fullMatrix = []ioCase{
	{"randread", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 2, true, false},
	{"randread", 4 * kib, 4, true, false},
	{"randread", 4 * kib, 16, true, false},
	{"seqread", 1 * mib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, true},
	{"seqwrite", 1 * mib, 1, true, false},
	{"randwrite", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 1, false, false}, // last: warming the data file is the costliest setup
}

// shortMatrix is the -short run: the headline pair plus the
// buffered contrast.
var shortMatrix = []ioCase{
	{"randread", 4 * kib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 1, false, false},
}

func matrix(short bool) []ioCase {
	if short {
		return shortMatrix
	}
	return fullMatrix
}

func (c ioCase) String() string {
	mode := "buffered"
	if c.direct {
		mode = "direct"
	}
	durability := "none"
	if c.dsync {
		durability = "dsync"
	}
	return fmt.Sprintf("op=%s/bs=%s/qd=%d/io=%s/sync=%s", c.op, harness.FormatSize(c.bs), c.qd, mode, durability)
}

func (c ioCase) write() bool  { return c.op == "seqwrite" || c.op == "randwrite" }
func (c ioCase) random() bool { return c.op == "randread" || c.op == "randwrite" }

// offset is the file offset of request i over a file of nblocks blocks:
// uniform random block-aligned offsets from a fixed seed for rand*, block i
// (wrapping at the end of the file) for seq*.
func (c ioCase) offset(i, nblocks uint64) int64 {
	if c.random() {
		return int64(block(offsetSeed, i, nblocks)) * c.bs
	}
	return int64(i%nblocks) * c.bs
}

// worker issues requests until next passes n. Each request takes the next
// index from next, so the requests of one run are the same set however the
// goroutines are scheduled. Only the pread/pwrite call is timed. It does not
// allocate (TestWorkerDoesNotAllocate).
func (c ioCase) worker(fd uintptr, buf []byte, lat *harness.Latency, next *atomic.Int64, n int64, nblocks uint64) error {
	write := c.write()
	for {
		i := next.Add(1) - 1
		if i >= n {
			return nil
		}
		off := c.offset(uint64(i), nblocks)
		var (
			k   int
			err error
		)
		if write {
			// Stamp the request number so no two written blocks are equal
			// (a deduplicating device cannot drop them).
			binary.LittleEndian.PutUint64(buf, uint64(i)+1)
			t0 := time.Now()
			k, err = dio.Pwrite(fd, buf, off)
			lat.Record(time.Since(t0))
		} else {
			t0 := time.Now()
			k, err = dio.Pread(fd, buf, off)
			lat.Record(time.Since(t0))
		}
		if err == nil && k != len(buf) {
			err = fmt.Errorf("short transfer: %d of %d bytes", k, len(buf))
		}
		if err != nil {
			next.Store(n) // stop the other goroutines
			if write {
				return fmt.Errorf("pwrite at offset %d: %w", off, err)
			}
			return fmt.Errorf("pread at offset %d: %w", off, err)
		}
	}
}

func BenchmarkDirectIO(b *testing.B) {
	harness.RequireLinux(b)
	cfg, err := loadConfig(testing.Short())
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	for _, c := range matrix(testing.Short()) {
		b.Run(c.String(), func(b *testing.B) {
			if c.write() {
				benchWrite(b, cfg, c)
			} else {
				benchRead(b, cfg, c)
			}
		})
	}
}

// benchRead measures reads of the shared data file: io=direct from a proven
// cold page cache, io=buffered from a proven warm one.
func benchRead(b *testing.B, cfg config, c ioCase) {
	dir := sharedDir(b, cfg)
	if c.direct {
		requireDirect(b, dir)
	}
	path := dataFile(b, cfg)
	if c.direct {
		checkAlign(b, path, c.bs)
	}
	f := openFile(b, path, os.O_RDONLY, c)
	nblocks := uint64(cfg.fileSize / c.bs)
	if c.direct {
		harness.Cold(b, path)
		measure(b, c, f, path, nblocks)
		requireBypass(b, path, int64(b.N))
		return
	}
	// io=buffered: the warm state must hold for the whole timed loop. A
	// kernel that pages out idle memory on its own (a DAMON pageout scheme
	// works on coarse physical regions and can take hot pages with cold
	// ones) can break it mid-loop; then the run is warmed and measured again,
	// and after warmAttempts contaminated runs the benchmark fails rather
	// than report a number that is part device. (Not b.Skipf: a benchmark
	// that skips in a round after the first still prints a "0 NaN ns/op"
	// result line, which benchstat and the gate would read.)
	for attempt := 1; ; attempt++ {
		warm(b, path)
		used := measure(b, c, f, path, nblocks)
		err := warmErr(b, path, used.ReadBytes, int64(b.N)*c.bs)
		if err == nil {
			return
		}
		if attempt == warmAttempts {
			b.Fatalf("directio: io=buffered could not stay warm: %v (%d attempts); this machine drops page cache during the loop: free memory, use a smaller %s, or check the proactive-reclaim config line", err, attempt, EnvFileSize)
		}
		b.Logf("directio: attempt %d: %v; warming and measuring again", attempt, err)
	}
}

// warmAttempts is how many times a buffered read run is measured before it
// fails because the page cache would not stay warm for a whole loop.
const warmAttempts = 3

// benchWrite measures writes to this benchmark's own file, laid out in full
// (allocated and written) before the timer starts, so the timed requests
// overwrite allocated blocks: the device's write path, not the filesystem's
// block allocator.
func benchWrite(b *testing.B, cfg config, c ioCase) {
	dir := sharedDir(b, cfg)
	if c.direct {
		requireDirect(b, dir)
	}
	size := cfg.writeSize()
	path := writeTarget(b, dir, size)
	if c.direct {
		checkAlign(b, path, c.bs)
	}
	flag := os.O_RDWR
	if c.dsync {
		flag |= dio.OpenFlagDsync
	}
	f := openFile(b, path, flag, c)
	if c.direct {
		harness.Cold(b, path)
	}
	measure(b, c, f, path, uint64(size/c.bs))
	if c.direct {
		requireBypass(b, path, int64(b.N))
	}
}

var writes struct {
	sync.Mutex
	owner string // b.Name() of the benchmark the write file was laid out for
}

// writeTarget returns the write file of the calling benchmark. It is laid out
// afresh (truncated and fully rewritten) when a new write benchmark starts, and
// reused across the b.N rounds of one benchmark: every write benchmark starts
// from the same file state, the run never holds more than one write file
// beside the data file, and 256MiB is not rewritten for every round.
func writeTarget(b *testing.B, dir string, size int64) string {
	b.Helper()
	path := filepath.Join(dir, "write")
	writes.Lock()
	defer writes.Unlock()
	if writes.owner == b.Name() {
		return path
	}
	writes.owner = ""
	if err := writeFile(path, size, writeSeed); err != nil {
		b.Fatalf("directio: laying out the write file: %v", err)
	}
	writes.owner = b.Name()
	return path
}

// measure runs b.N requests from c.qd goroutines on f's descriptor,
// reports io/s, latency percentiles and the I/O that reached storage, and
// returns that I/O.
func measure(b *testing.B, c ioCase, f *os.File, path string, nblocks uint64) harness.Usage {
	fd := f.Fd()
	n := int64(b.N)
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		start = make(chan struct{})
		lats  = make([]*harness.Latency, c.qd)
		errs  = make([]error, c.qd)
	)
	for g := range c.qd {
		lat, buf := new(harness.Latency), ncw.AlignedBlock(int(c.bs))
		lats[g] = lat
		if c.write() {
			fill(buf, writeSeed+uint64(g)+1, 0)
		}
		wg.Go(func() {
			<-start
			errs[g] = c.worker(fd, buf, lat, &next, n, nblocks)
		})
	}
	b.SetBytes(c.bs)
	meter := harness.StartMeter(b, harness.Process, filepath.Dir(path))
	b.ResetTimer()
	b.StartTimer() // a no-op on the first run; a re-measured run arrives with the timer stopped
	close(start)
	wg.Wait()
	b.StopTimer()
	meter.Stop()
	runtime.KeepAlive(f)
	if err := errors.Join(errs...); err != nil {
		b.Fatalf("directio: %s: %v", path, err)
	}

	var all harness.Latency
	for _, l := range lats {
		all.Merge(l)
	}
	if all.Count() != n {
		b.Fatalf("directio: recorded %d latencies for %d requests", all.Count(), n)
	}
	harness.Report(b, float64(n)/b.Elapsed().Seconds(), "io/s")
	all.Report(b)
	meter.Report(b, n)
	return meter.Usage()
}

// slack is the free space asked for beyond the files themselves.
const slack = 64 * mib

// sharedDir is the run-wide directory holding the data file. It asks for room
// for the data file and one write file.
func sharedDir(tb testing.TB, cfg config) string {
	tb.Helper()
	return harness.Shared(tb, "directio", cfg.fileSize+cfg.writeSize()+slack)
}

var data struct {
	sync.Mutex
	path string
	size int64
}

// dataFile returns the run's read data file, writing it on first use: once
// per run, not once per benchmark.
func dataFile(tb testing.TB, cfg config) string {
	tb.Helper()
	p := filepath.Join(sharedDir(tb, cfg), "data")
	data.Lock()
	defer data.Unlock()
	if data.path == p && data.size == cfg.fileSize {
		return p
	}
	data.path = ""
	if err := writeFile(p, cfg.fileSize, dataSeed); err != nil {
		tb.Fatalf("directio: laying out the data file: %v", err)
	}
	data.path, data.size = p, cfg.fileSize
	return p
}

// memoryFS lists filesystems whose O_DIRECT, when accepted, is still served
// from memory.
var memoryFS = map[string]bool{"tmpfs": true, "ramfs": true, "overlayfs": true}

// refuseMemoryFS is the skip reason for memoryFS (the wording).
const refuseMemoryFS = "tmpfs accepts O_DIRECT on Linux ≥ 6.6 but still caches; set BENCHRIG_DIR to a disk-backed directory"

// requireDirect skips tb when dir cannot give a real direct I/O measurement:
// memory and union filesystems, and anything without a local block device.
func requireDirect(tb testing.TB, dir string) {
	tb.Helper()
	if fs := harness.FSType(dir); memoryFS[fs] {
		tb.Skipf("io=direct refused: %s is on %s. %s", dir, fs, refuseMemoryFS)
	}
	harness.RequireDisk(tb, dir)
}

// checkAlign skips tb when path's filesystem needs more alignment than
// github.com/ncw/directio gives (buffers aligned to AlignSize) or than the
// request size bs gives offsets and lengths. Where statx does not report the
// alignment, the probe request in openFile decides.
func checkAlign(tb testing.TB, path string, bs int64) {
	tb.Helper()
	a, err := dio.StatAlign(path)
	switch {
	case errors.Is(err, dio.ErrAlignUnknown):
		return
	case err != nil:
		tb.Fatalf("directio: %v", err)
	case !a.Supported():
		tb.Skipf("io=direct: statx reports no direct I/O support for %s (%s, fs %s); set BENCHRIG_DIR to a directory on a filesystem that supports O_DIRECT (ext4, xfs, btrfs)", path, a, harness.FSType(path))
	case int64(a.Mem) > ncw.AlignSize || ncw.AlignSize%int64(a.Mem) != 0:
		tb.Skipf("io=direct: %s needs buffers aligned to %d bytes (statx dio_mem_align) but github.com/ncw/directio aligns to %d; set BENCHRIG_DIR to a filesystem with smaller alignment", path, a.Mem, ncw.AlignSize)
	case bs%int64(a.Offset) != 0:
		tb.Skipf("io=direct: %s needs offsets and lengths aligned to %d bytes (statx dio_offset_align), bs=%s is not; set BENCHRIG_DIR to a filesystem on a device with smaller logical blocks", path, a.Offset, harness.FormatSize(bs))
	}
}

// openFile opens path for c (O_DIRECT through github.com/ncw/directio when
// c.direct), closes it when tb ends, and makes one untimed probe read so a
// filesystem that accepts the open but refuses the request is skipped, not
// measured.
func openFile(tb testing.TB, path string, flag int, c ioCase) *os.File {
	tb.Helper()
	var (
		f   *os.File
		err error
	)
	if c.direct {
		f, err = ncw.OpenFile(path, flag, 0)
	} else {
		f, err = os.OpenFile(path, flag, 0)
	}
	if c.direct && dio.Refused(err) {
		tb.Skipf("io=direct: open %s with O_DIRECT failed with EINVAL: %s refuses direct I/O; set BENCHRIG_DIR to a directory on a filesystem that supports it (ext4, xfs, btrfs)", path, harness.FSType(path))
	}
	if err != nil {
		tb.Fatalf("directio: open %s: %v", path, err)
	}
	tb.Cleanup(func() { f.Close() })
	buf := ncw.AlignedBlock(int(c.bs))
	if _, err := dio.Pread(f.Fd(), buf, 0); err != nil {
		if c.direct && dio.Refused(err) {
			tb.Skipf("io=direct: a %s O_DIRECT read of %s failed with EINVAL: %s refuses direct I/O at this size or alignment; set BENCHRIG_DIR to a directory on a filesystem that supports it (ext4, xfs, btrfs)", harness.FormatSize(c.bs), path, harness.FSType(path))
		}
		tb.Fatalf("directio: probe pread %s: %v", path, err)
	}
	return f
}

// bypassLimit is how many resident pages a file may show after ios direct
// requests: a small constant plus 1% of the requests. A direct path leaves 0;
// a path that caches leaves about one page per distinct block it touched.
func bypassLimit(ios int64) int64 { return 16 + ios/100 }

// requireBypass fails b when the direct requests left path in the page cache:
// the number would then not be a device measurement.
func requireBypass(b *testing.B, path string, ios int64) {
	b.Helper()
	r, err := harness.Resident(path)
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	if limit := bypassLimit(ios); r.Resident > limit {
		b.Fatalf("directio: io=direct did not bypass the page cache: after %d requests %s has %s (limit %d); the filesystem serves O_DIRECT from memory, so this is not a device measurement; set BENCHRIG_DIR to a disk-backed ext4, xfs or btrfs directory", ios, path, r, limit)
	}
}

// warm makes path fully resident (proven by harness.Warm), skipping the
// re-read when it already is.
func warm(b *testing.B, path string) {
	b.Helper()
	if r, err := harness.Resident(path); err == nil && r.Pages > 0 && r.Resident == r.Pages {
		return
	}
	harness.Warm(b, path)
}

// warmErr says why a warm run was not served from memory: more than 0.1% of
// the requested bytes came from storage during the loop. Pages that left the
// cache without being read again did not touch the measurement; they are
// logged.
func warmErr(b testing.TB, path string, readBytes, requested int64) error {
	b.Helper()
	if readBytes*1000 > requested {
		return fmt.Errorf("%d of %d requested bytes came from storage during the loop", readBytes, requested)
	}
	r, err := harness.Resident(path)
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	if r.Resident < r.Pages {
		b.Logf("directio: %s has %s after the loop; %d bytes came from storage during it, so the measurement stayed warm", path, r, readBytes)
	}
	return nil
}
