package directio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	ncw "github.com/ncw/directio"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/uring"
)

// uringFlagsNote notes once which setup flags the kernel took.
var uringFlagsNote sync.Once

// probeUring is the setup's one check that this process can use io_uring.
func probeUring() error { return uring.Probe() }

// uringLoop prepares engine=uring's loop: one ring of c.qd entries with one
// registered buffer per slot (READ_FIXED/WRITE_FIXED), set up as fio's
// io_uring engine sets up its own (COOP_TASKRUN, SINGLE_ISSUER,
// DEFER_TASKRUN where the kernel has them; a note names what it took) and
// driven by one goroutine locked to its OS thread, the ring's one
// submitter, when run is called. It skips b when the
// buffers do not fit the locked-memory limit, and closes the ring when run
// returns.
func (c ioCase) uringLoop(b testing.TB, fd int, n int64, nblocks uint64) loop {
	r, err := uring.New(uint32(c.qd), true)
	if errors.Is(err, uring.ErrUnavailable) {
		harness.Skipf(b, "engine=uring: %v", err)
	}
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	bufs := make([][]byte, c.qd)
	for i := range bufs {
		bufs[i] = ncw.AlignedBlock(int(c.bs))
		if c.write() {
			harness.FillData(bufs[i], writeSeed+uint64(i)+1, 0)
		}
	}
	if err := r.RegisterBuffers(bufs); err != nil {
		r.Close()
		if errors.Is(err, uring.ErrUnavailable) {
			harness.Skipf(b, "engine=uring: %v", err)
		}
		b.Fatalf("directio: %v", err)
	}
	uringFlagsNote.Do(func() {
		enter := "Go's syscall path (GOMAXPROCS 1)"
		if r.RawEnter() {
			enter = "a raw system call"
		}
		harness.Note("engine=uring: io_uring setup flags %s; io_uring_enter through %s", r.Flags(), enter)
	})
	lat := new(harness.Latency)
	return loop{lats: []*harness.Latency{lat}, run: func() error {
		done := make(chan error, 1)
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			if err := r.Start(); err != nil {
				done <- fmt.Errorf("directio: %w", err)
				return
			}
			done <- c.reap(r, fd, bufs, lat, n, nblocks)
		}()
		err := <-done
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		return err
	}}
}

// ringState is what reap keeps per run: each slot's request and when it was
// submitted, the slots queued since the last Submit, and the next request.
type ringState struct {
	req   []int64
	sent  []time.Time
	fresh []int
	next  int64
}

// submitGroup is how many refills the loop queues before it hands them to
// the kernel while more completions wait to be reaped.
//
// A loop that reaps every completion and then submits every refill in one
// io_uring_enter leaves the device idle while it works, and on a
// DEFER_TASKRUN ring it refills the first completion alone (a woken wait
// hands back one): on the reference VM's virtio disk that loop settled into
// one lone request and one batch of 15 at qd=16 and ran randread qd=16 and
// qd=64 at 0.82-0.88 of fio's io_uring engine. fio hands its refills over
// in a few groups, so the disk starts on the first while the rest are
// prepared. In groups of 4 the loop runs at 1.1-1.3 of fio there, and level
// with fio on a RAM-backed disk, where every extra enter is CPU
// (docs/validation.md).
const submitGroup = 4

// reap keeps up to len(bufs) requests in flight on r until n are done. Each
// slot (a registered buffer) carries one request at a time. Each round
// submits what is queued and waits for a completion (one io_uring_enter),
// then reaps the completions that enter found, queueing a refill for each;
// every submitGroup refills, while more of them wait, it hands the refills
// to the kernel (Submit(0), which posts no completions). A request's
// latency runs from just before the io_uring_enter that submitted it to
// just after the one that found it complete (clock reads around each
// enter, shared by the requests it submits or finds). After a failed
// request nothing new is queued and the requests in flight are reaped
// before returning, so no buffer is written after the loop.
func (c ioCase) reap(r *uring.Ring, fd int, bufs [][]byte, lat *harness.Latency, n int64, nblocks uint64) error {
	st := ringState{req: make([]int64, len(bufs)), sent: make([]time.Time, len(bufs)), fresh: make([]int, 0, len(bufs))}
	inflight := 0
	for slot := 0; slot < len(bufs) && st.next < n; slot++ {
		if err := c.queue(r, fd, bufs, slot, &st, nblocks); err != nil {
			return err
		}
		inflight++
	}
	var firstErr error
	for inflight > 0 {
		st.stamp(time.Now())
		if err := r.Submit(1); err != nil {
			return err
		}
		t1 := time.Now()
		for cqe, ok := r.Next(); ok; cqe, ok = r.Next() {
			slot := int(cqe.UserData)
			lat.Record(t1.Sub(st.sent[slot]))
			inflight--
			if err := c.result(cqe, c.offset(uint64(st.req[slot]), nblocks)); err != nil && firstErr == nil {
				firstErr = err
			}
			if firstErr != nil || st.next >= n {
				continue
			}
			if err := c.queue(r, fd, bufs, slot, &st, nblocks); err != nil {
				return err
			}
			inflight++
			if len(st.fresh) >= submitGroup && r.Ready() {
				st.stamp(time.Now())
				if err := r.Submit(0); err != nil {
					return err
				}
			}
		}
	}
	return firstErr
}

// stamp records t as the submission time of the requests queued since the
// last stamp, which are about to be submitted.
func (st *ringState) stamp(t time.Time) {
	for _, s := range st.fresh {
		st.sent[s] = t
	}
	st.fresh = st.fresh[:0]
}

// queue queues request st.next in slot: the slot's registered buffer, the
// request's offset, and (for writes) the request number stamped in the
// buffer, as the sync engines do. UserData is the slot.
func (c ioCase) queue(r *uring.Ring, fd int, bufs [][]byte, slot int, st *ringState, nblocks uint64) error {
	i := st.next
	st.next++
	st.req[slot] = i
	if c.write() {
		binary.LittleEndian.PutUint64(bufs[slot], uint64(i)+1)
	}
	st.fresh = append(st.fresh, slot)
	return r.Queue(uring.Op{
		Write: c.write(), FD: fd, Buf: bufs[slot], Off: c.offset(uint64(i), nblocks),
		Fixed: true, Index: uint16(slot), UserData: uint64(slot),
	})
}

// result is the error of the completion of a request at off: its errno,
// or a short transfer.
func (c ioCase) result(cqe uring.CQE, off int64) error {
	op := "read"
	if c.write() {
		op = "write"
	}
	switch {
	case cqe.Err() != nil:
		return fmt.Errorf("io_uring %s at offset %d: %w", op, off, cqe.Err())
	case int64(cqe.Res) != c.bs:
		return fmt.Errorf("io_uring %s at offset %d: short transfer: %d of %d bytes", op, off, cqe.Res, c.bs)
	}
	return nil
}
