package harness

// THIS FILE IS THE CONTRACT. The harness implementation replaces the bodies
// below (and may split them into files) but must keep every exported name and
// signature: bench families are being written against them in parallel.

import (
	"errors"
	"os"
	"testing"
	"time"
)

var errTODO = errors.New("harness: not implemented yet")

// ---- Entry point -----------------------------------------------------------

// Config is one file-level configuration line, printed as "key: value".
type Config struct{ Key, Value string }

// Main is the TestMain of every bench package. When benchmarks were requested
// (-test.bench set) it validates BENCHRIG_DIR (exiting 2 with a message naming
// the variable and the fix when it is missing, not a directory or not
// writable), sweeps run dirs left behind by killed runs, prints the
// file-level config lines ([Environment] of the scratch dir, then extra) and
// the "Unit <unit> better=..." lines, runs m, removes this run's dir and exits.
// In test-only mode it just runs m (and still removes anything it created).
func Main(m *testing.M, extra ...Config) { os.Exit(m.Run()) }

// Environment returns the ordered config lines for a scratch dir: machine,
// kernel, virt, cpus, cacheline, fs, device, rotational, scheduler, lbs, pbs,
// dio-align, goversion, benchrig. Unknown values are "unknown".
func Environment(dir string) []Config { return nil }

// ---- Scratch ---------------------------------------------------------------

// Dir returns a fresh, empty directory for this benchmark under the run dir in
// BENCHRIG_DIR, removed when tb ends. It skips tb (naming bytes needed and
// bytes free, and the fix) when the filesystem has less than need bytes free.
func Dir(tb testing.TB, need int64) string { tb.Fatal(errTODO); return "" }

// Shared returns a directory named name under the run dir that lives for the
// whole run (removed by Main), for data built once per run and reused across
// benchmarks (a directio data file, generated module trees). The first call
// creates it and checks need bytes free as Dir does; later calls return the
// same path. It is safe for concurrent use.
func Shared(tb testing.TB, name string, need int64) string { tb.Fatal(errTODO); return "" }

// RequireDisk skips tb when dir is not on a disk-backed filesystem whose page
// cache can be evicted (tmpfs, ramfs, overlayfs, ...), naming the fs and the
// fix (set BENCHRIG_DIR to a disk-backed directory).
func RequireDisk(tb testing.TB, dir string) {}

// RequireLinux skips tb on other operating systems, with the reason.
func RequireLinux(tb testing.TB) {}

// RemoveAll removes path like os.RemoveAll, but first makes read-only
// directories writable (Go module caches are read-only trees).
func RemoveAll(path string) error { return errTODO }

// FSType returns the filesystem name of path ("ext4", "tmpfs", ...), or
// "unknown".
func FSType(path string) string { return "unknown" }

// ---- Page cache ------------------------------------------------------------

// Residency is how much of a file or tree is in the page cache.
type Residency struct {
	Resident int64 // pages in the page cache
	Pages    int64 // pages the file(s) span
}

// Evict drops path (a file, or every regular file of a tree) from the page
// cache without root: fsync first (dirty pages are not dropped), then
// posix_fadvise(POSIX_FADV_DONTNEED).
func Evict(path string) error { return errTODO }

// Resident measures path's residency (a file, or the sum over a tree's
// regular files) with mincore.
func Resident(path string) (Residency, error) { return Residency{}, errTODO }

// Cold evicts every path and proves zero resident pages before returning. It
// skips tb when the filesystem cannot be evicted (RequireDisk) and fails tb,
// naming the path and the page count, when pages stay resident.
func Cold(tb testing.TB, paths ...string) {}

// Warm reads every path fully and proves every page resident.
func Warm(tb testing.TB, paths ...string) {}

// ---- Accounting ------------------------------------------------------------

// Scope selects whose resource usage a Meter counts.
type Scope int

const (
	// Thread counts the calling OS thread only (RUSAGE_THREAD). The caller
	// must hold runtime.LockOSThread from Start until Stop.
	Thread Scope = iota
	// Process counts the whole process (RUSAGE_SELF).
	Process
	// Children counts waited-for child processes (RUSAGE_CHILDREN).
	Children
)

// Usage is a resource-usage snapshot or delta.
type Usage struct {
	ReadBytes  int64 // ru_inblock * 512: bytes that really came from storage
	WriteBytes int64 // ru_oublock * 512
	MinFlt     int64
	MajFlt     int64
}

// Sub returns u - v.
func (u Usage) Sub(v Usage) Usage {
	return Usage{u.ReadBytes - v.ReadBytes, u.WriteBytes - v.WriteBytes, u.MinFlt - v.MinFlt, u.MajFlt - v.MajFlt}
}

// GetUsage returns the current usage for scope.
func GetUsage(s Scope) (Usage, error) { return Usage{}, errTODO }

// ProcessUsage returns the usage of one finished child (including its own
// waited-for descendants), from ps.SysUsage().
func ProcessUsage(ps *os.ProcessState) (Usage, error) { return Usage{}, errTODO }

// DeviceReads returns the number of read requests completed so far by the
// block device holding dir (/sys/block/<dev>/stat), or an error when the
// device cannot be found (tmpfs, non-Linux).
func DeviceReads(dir string) (uint64, error) { return 0, errTODO }

// Meter accumulates resource usage and device reads over the timed parts of a
// benchmark. Pause and Resume bracket untimed work (mirroring b.StopTimer and
// b.StartTimer), so eviction and setup are not counted.
type Meter struct{}

// StartMeter starts counting usage of scope and device reads of dir's device.
func StartMeter(tb testing.TB, s Scope, dir string) *Meter { return &Meter{} }

// Pause stops counting.
func (m *Meter) Pause() {}

// Resume starts counting again.
func (m *Meter) Resume() {}

// Stop stops counting; call it right after the timed loop.
func (m *Meter) Stop() {}

// Usage returns the accumulated usage.
func (m *Meter) Usage() Usage { return Usage{} }

// Report reports read-B/op, write-B/op, minflt/op, majflt/op and (when the
// device is known) dev-reads/op, each divided by ops. Call after the loop.
func (m *Meter) Report(b *testing.B, ops int64) {}

// ---- Latency ---------------------------------------------------------------

// Latency is a log-linear histogram of durations (about 1% relative
// precision) whose zero value is ready to use. Record does not allocate. It
// is not safe for concurrent use: give each goroutine its own and Merge.
type Latency struct{}

// Record adds one sample.
func (l *Latency) Record(d time.Duration) {}

// Merge adds o's samples to l.
func (l *Latency) Merge(o *Latency) {}

// Count returns the number of samples.
func (l *Latency) Count() int64 { return 0 }

// Quantile returns the q-quantile (0..1) in nanoseconds.
func (l *Latency) Quantile(q float64) float64 { return 0 }

// Reset forgets every sample.
func (l *Latency) Reset() {}

// Report reports p50-ns, p99-ns and p99.9-ns on b. Call after the loop.
func (l *Latency) Report(b *testing.B) {}
