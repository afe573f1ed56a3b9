package directio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
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

// Seeds of the deterministic content and offset streams. Changing one changes
// what every baseline measured: note it in the README's changelog.
const (
	dataSeed   uint64 = 0x62656e6368726967 // "benchrig": the read data file
	writeSeed  uint64 = 0x7772697465646174 // content of the write files
	offsetSeed uint64 = 0x6f66667365747321 // random offsets
)

// offset is the file offset of request i over a file of nblocks blocks:
// uniform random block-aligned offsets from a fixed seed for rand*, block i
// (wrapping at the end of the file) for seq*.
func (c ioCase) offset(i, nblocks uint64) int64 {
	if c.random() {
		return int64(block(offsetSeed, i, nblocks)) * c.bs
	}
	return int64(i%nblocks) * c.bs
}

// block returns the i-th block index of a uniform pseudo-random stream over
// [0, nblocks) (Lemire's multiply-shift on a harness.SeedWord). It does not
// allocate, takes no lock and gives every goroutine the same stream, so a run
// with b.N requests always reads the same set of offsets whatever the
// scheduling.
func block(seed, i, nblocks uint64) uint64 {
	hi, _ := bits.Mul64(harness.SeedWord(seed, i), nblocks)
	return hi
}

// rw is how a goroutine of a sync engine makes one request.
type rw struct {
	read, write func(fd uintptr, p []byte, off int64) (int, error)
	locked      bool // run on a locked OS thread (runtime.LockOSThread)
}

// rwOf is engine e's request path: psync through the runtime's syscall hooks,
// raw around them on a locked thread.
func rwOf(e string) rw {
	if e == raw {
		return rw{dio.RawPread, dio.RawPwrite, true}
	}
	return rw{dio.Pread, dio.Pwrite, false}
}

// yieldEvery is how long a psync goroutine issues requests back to back
// before it yields its P (runtime.Gosched, outside the timed call).
//
// A goroutine that is never rescheduled looks to sysmon like one that has
// run for more than 10ms (forcePreemptNS); when sysmon finds it in a system
// call it takes its P away, and every P it takes resets sysmon's sleep to
// 20µs. From then on sysmon wakes every 20µs and takes the P from nearly
// every pread: a futex handoff per request, about 3µs on the reference VM,
// 8% of a 4KiB direct read (docs/validation.md). Programs that serve
// requests block between them and never meet it; fio's psync does not. A
// yield every millisecond keeps the goroutine's scheduling tick moving at a
// cost of one scheduler pass per millisecond.
const yieldEvery = time.Millisecond

// worker issues requests until next passes n. Each request takes the next
// index from next, so the requests of one run are the same set however the
// goroutines are scheduled. Only the pread/pwrite call is timed. A psync
// goroutine yields every yieldEvery; a raw one, whose calls the runtime does
// not see, need not. It does not allocate (TestWorkerDoesNotAllocate).
func (c ioCase) worker(io rw, fd uintptr, buf []byte, lat *harness.Latency, next *atomic.Int64, n int64, nblocks uint64) error {
	write := c.write()
	yielded := time.Now()
	for {
		i := next.Add(1) - 1
		if i >= n {
			return nil
		}
		off := c.offset(uint64(i), nblocks)
		var (
			k   int
			err error
			t0  time.Time
		)
		if write {
			// Stamp the request number so no two written blocks are equal
			// (a deduplicating device cannot drop them).
			binary.LittleEndian.PutUint64(buf, uint64(i)+1)
			t0 = time.Now()
			k, err = io.write(fd, buf, off)
		} else {
			t0 = time.Now()
			k, err = io.read(fd, buf, off)
		}
		t1 := time.Now()
		lat.Record(t1.Sub(t0))
		if !io.locked && t1.Sub(yielded) >= yieldEvery {
			runtime.Gosched()
			yielded = t1
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

// loop is one prepared timed loop: run makes the requests and returns when
// all are done, each recorded in one of lats.
type loop struct {
	run  func() error
	lats []*harness.Latency
}

// syncLoop prepares c.qd goroutines (psync, raw) that each make one request
// at a time on fd until n are done; they start when run is called.
func (c ioCase) syncLoop(fd uintptr, n int64, nblocks uint64) loop {
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		start = make(chan struct{})
		lats  = make([]*harness.Latency, c.qd)
		errs  = make([]error, c.qd)
		io    = rwOf(c.engine)
	)
	for g := range c.qd {
		lat, buf := new(harness.Latency), ncw.AlignedBlock(int(c.bs))
		lats[g] = lat
		if c.write() {
			harness.FillData(buf, writeSeed+uint64(g)+1, 0)
		}
		wg.Go(func() {
			if io.locked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			<-start
			errs[g] = c.worker(io, fd, buf, lat, &next, n, nblocks)
		})
	}
	return loop{lats: lats, run: func() error {
		close(start)
		wg.Wait()
		return errors.Join(errs...)
	}}
}

// loop prepares n requests on f's descriptor with c's engine.
func (c ioCase) loop(tb testing.TB, f *os.File, n int64, nblocks uint64) loop {
	if c.engine == uringEngine {
		return c.uringLoop(tb, int(f.Fd()), n, nblocks)
	}
	return c.syncLoop(f.Fd(), n, nblocks)
}

// measure runs b.N requests on f's descriptor with c's engine, reports io/s,
// latency percentiles and the I/O that reached storage, and returns that
// I/O.
func measure(b *testing.B, c ioCase, f *os.File, path string, nblocks uint64) harness.Usage {
	n := int64(b.N)
	lo := c.loop(b, f, n, nblocks)
	b.SetBytes(c.bs)
	meter := harness.StartMeter(b, harness.Process, filepath.Dir(path))
	b.ResetTimer()
	b.StartTimer() // a no-op on the first run; a re-measured run arrives with the timer stopped
	err := lo.run()
	b.StopTimer()
	meter.Stop()
	runtime.KeepAlive(f)
	if err != nil {
		b.Fatalf("directio: %s: %v", path, err)
	}

	var all harness.Latency
	for _, l := range lo.lats {
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
