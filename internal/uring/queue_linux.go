package uring

import (
	"fmt"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// RegisterBuffers registers bufs with the kernel (IORING_REGISTER_BUFFERS)
// for fixed reads and writes: Op.Index i names bufs[i]. The kernel pins
// their pages and charges them to the locked-memory limit (RLIMIT_MEMLOCK);
// over it the error wraps ErrUnavailable and names ulimit -l. The Ring keeps
// bufs alive until Close.
func (r *Ring) RegisterBuffers(bufs [][]byte) error {
	if r.closed {
		return ErrClosed
	}
	if len(bufs) == 0 {
		return fmt.Errorf("io_uring_register buffers: no buffers")
	}
	iov := make([]unix.Iovec, len(bufs))
	var total int
	for i, b := range bufs {
		if len(b) == 0 {
			return fmt.Errorf("io_uring_register buffers: buffer %d is empty", i)
		}
		iov[i].Base = &b[0]
		iov[i].SetLen(len(b))
		total += len(b)
	}
	_, _, e := unix.Syscall6(unix.SYS_IO_URING_REGISTER, uintptr(r.fd), registerBuffers,
		uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)), 0, 0)
	if e != 0 {
		return registerErr(e, total)
	}
	r.bufs = bufs
	return nil
}

// Queue puts op in the next submission queue entry and publishes it; the
// kernel sees it at the next Submit. It returns ErrFull when all Entries
// are queued and not yet taken by the kernel. It does not allocate.
func (r *Ring) Queue(op Op) error {
	if r.closed {
		return ErrClosed
	}
	tail := *r.sqTail // only this goroutine writes the tail
	if tail-atomic.LoadUint32(r.sqHead) >= r.entries {
		return ErrFull
	}
	s := &r.sqes[tail&r.sqMask]
	*s = sqe{
		opcode:   opRead,
		fd:       int32(op.FD),
		off:      uint64(op.Off),
		len:      uint32(len(op.Buf)),
		userData: op.UserData,
	}
	if len(op.Buf) > 0 {
		s.addr = uint64(uintptr(unsafe.Pointer(&op.Buf[0])))
	}
	switch {
	case op.Fixed && op.Write:
		s.opcode, s.bufIndex = opWriteFixed, op.Index
	case op.Fixed:
		s.opcode, s.bufIndex = opReadFixed, op.Index
	case op.Write:
		s.opcode = opWrite
	}
	// The atomic store orders the SQE's plain writes before the kernel can
	// see the new tail.
	atomic.StoreUint32(r.sqTail, tail+1)
	return nil
}

// Submit hands every queued request to the kernel and, when wait > 0,
// blocks until at least wait completions are ready to reap (one
// io_uring_enter with IORING_ENTER_GETEVENTS). An interrupted call (EINTR)
// is made again with what the kernel has not taken yet. On a ring with
// RawEnter the call is a raw system call (see New).
//
// On a DEFER_TASKRUN ring a wait that sleeps hands back only wait
// completions when it wakes (Linux 6.13 and later run no more of the
// deferred completion work then); the rest reach the queue at the next
// call that waits, which posts them before it would sleep.
func (r *Ring) Submit(wait uint32) error {
	if r.closed {
		return ErrClosed
	}
	if wait > 0 && atomic.LoadUint32(r.cqTail)-atomic.LoadUint32(r.cqHead) >= wait {
		return r.enter(0, false) // already there: submit only
	}
	return r.enter(wait, wait > 0)
}

// Ready reports whether a completion waits to be reaped.
func (r *Ring) Ready() bool { return !r.closed && atomic.LoadUint32(r.cqTail) != *r.cqHead }

// Enters is the number of io_uring_enter calls the Ring has made.
func (r *Ring) Enters() uint64 { return r.enters }

// enter is one io_uring_enter that submits every queued request and, with
// getevents, waits for wait completions; it is made again after EINTR.
// Without getevents and with nothing queued it returns at once.
func (r *Ring) enter(wait uint32, getevents bool) error {
	if r.closed {
		return ErrClosed
	}
	flags := uintptr(0)
	if getevents {
		flags = enterGetEvents
	}
	for {
		toSubmit := atomic.LoadUint32(r.sqTail) - atomic.LoadUint32(r.sqHead)
		if toSubmit == 0 && !getevents {
			return nil
		}
		enter := unix.Syscall6
		if r.raw {
			enter = unix.RawSyscall6
		}
		r.enters++
		_, _, e := enter(unix.SYS_IO_URING_ENTER, uintptr(r.fd), uintptr(toSubmit), uintptr(wait), flags, 0, 0)
		switch e {
		case 0:
			return nil
		case unix.EINTR:
			continue
		}
		return fmt.Errorf("io_uring_enter (submit %d, wait %d): %w", toSubmit, wait, e)
	}
}

// Next returns the oldest completion not yet reaped and frees its slot, or
// false when there is none. It does not block or allocate.
func (r *Ring) Next() (CQE, bool) {
	if r.closed {
		return CQE{}, false
	}
	head := *r.cqHead // only this goroutine writes the head
	if head == atomic.LoadUint32(r.cqTail) {
		return CQE{}, false
	}
	c := r.cqes[head&r.cqMask]
	atomic.StoreUint32(r.cqHead, head+1) // the slot is free once the CQE is copied
	return c, true
}
