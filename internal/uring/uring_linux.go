package uring

import (
	"fmt"
	"runtime"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Kernel ABI (include/uapi/linux/io_uring.h).
const (
	opReadFixed  = 4  // IORING_OP_READ_FIXED
	opWriteFixed = 5  // IORING_OP_WRITE_FIXED
	opRead       = 22 // IORING_OP_READ
	opWrite      = 23 // IORING_OP_WRITE

	enterGetEvents  = 1 << 0     // IORING_ENTER_GETEVENTS
	registerBuffers = 0          // IORING_REGISTER_BUFFERS
	registerEnable  = 12         // IORING_REGISTER_ENABLE_RINGS
	setupRDisabled  = 1 << 6     // IORING_SETUP_R_DISABLED
	setupCoop       = 1 << 8     // IORING_SETUP_COOP_TASKRUN
	setupSingle     = 1 << 12    // IORING_SETUP_SINGLE_ISSUER
	setupDefer      = 1 << 13    // IORING_SETUP_DEFER_TASKRUN
	featSingleMmap  = 1 << 0     // IORING_FEAT_SINGLE_MMAP
	offSQRing       = 0          // IORING_OFF_SQ_RING
	offCQRing       = 0x8000000  // IORING_OFF_CQ_RING
	offSQEs         = 0x10000000 // IORING_OFF_SQES
	maxEntries      = 4096
)

// sqringOffsets is struct io_sqring_offsets.
type sqringOffsets struct {
	head, tail, ringMask, ringEntries, flags, dropped, array, resv1 uint32
	userAddr                                                        uint64
}

// cqringOffsets is struct io_cqring_offsets.
type cqringOffsets struct {
	head, tail, ringMask, ringEntries, overflow, cqes, flags, resv1 uint32
	userAddr                                                        uint64
}

// params is struct io_uring_params (120 bytes).
type params struct {
	sqEntries, cqEntries, flags, sqThreadCPU, sqThreadIdle, features, wqFD uint32
	resv                                                                   [3]uint32
	sqOff                                                                  sqringOffsets
	cqOff                                                                  cqringOffsets
}

// sqe is struct io_uring_sqe (64 bytes) for the fields a read or write uses.
type sqe struct {
	opcode      uint8
	flags       uint8
	ioprio      uint16
	fd          int32
	off         uint64
	addr        uint64
	len         uint32
	rwFlags     uint32
	userData    uint64
	bufIndex    uint16
	personality uint16
	spliceFDIn  int32
	addr3       uint64
	_           uint64
}

// Ring is one io_uring instance with its mapped queues.
type Ring struct {
	fd             int
	sqMem, cqMem   []byte // cqMem is nil when the kernel maps both rings at once
	sqeMem         []byte
	sqHead, sqTail *uint32
	cqHead, cqTail *uint32
	sqMask, cqMask uint32
	entries        uint32
	sqes           []sqe
	cqes           []CQE // struct io_uring_cqe has CQE's layout (16 bytes)
	bufs           [][]byte
	closed         bool
	flags          uint32 // the IORING_SETUP_ flags the kernel took
	raw            bool   // io_uring_enter bypasses the scheduler (RawEnter)
	enters         uint64 // io_uring_enter calls made (Enters)
}

// Probe reports whether this process can create an io_uring: nil, or an
// error wrapping ErrUnavailable that says why and what to change.
func Probe() error {
	r, err := New(1, false)
	if err != nil {
		return err
	}
	return r.Close()
}

// New sets up a ring with at least entries submission queue entries (the
// kernel rounds up to a power of two; at most 4096) and maps its queues.
//
// Every ring asks for IORING_SETUP_COOP_TASKRUN (Linux 5.19+): completions
// are handed over when the task enters the kernel anyway, not by
// interrupting it. With single, it also asks for SINGLE_ISSUER and
// DEFER_TASKRUN (Linux 6.1+), as fio's io_uring engine does: completion
// work runs only inside the io_uring_enter that waits for it, on the
// submitting thread. Such a ring starts disabled (R_DISABLED): register
// buffers, then call Start on the one OS thread (runtime.LockOSThread)
// that queues, submits and reaps from then on. A kernel that refuses a
// flag (EINVAL) gets the ring with fewer; Flags says which it took.
//
// A single ring's io_uring_enter is a raw system call when GOMAXPROCS is 2
// or more (RawEnter): the locked thread keeps its P while the kernel
// waits, instead of Go's syscall path handing the P off and taking one
// back around every enter, which cost up to a fifth of the io/s on a
// RAM-backed disk (docs/validation.md). The other Ps run the rest of the
// process; a garbage collection's stop-the-world waits for the enter to
// return (the next completion) or be interrupted (EINTR, retried).
func New(entries uint32, single bool) (*Ring, error) {
	if entries == 0 || entries > maxEntries {
		return nil, fmt.Errorf("io_uring_setup: %d entries: want 1 to %d", entries, maxEntries)
	}
	tries := []uint32{setupCoop, 0}
	if single {
		tries = append([]uint32{setupCoop | setupSingle | setupDefer | setupRDisabled}, tries...)
	}
	var p params
	var fd uintptr
	var e unix.Errno
	for _, flags := range tries {
		p = params{flags: flags}
		fd, _, e = unix.Syscall(unix.SYS_IO_URING_SETUP, uintptr(entries), uintptr(unsafe.Pointer(&p)), 0)
		if e != unix.EINVAL {
			break
		}
	}
	if e != 0 {
		return nil, setupErr(e)
	}
	r := &Ring{fd: int(fd), entries: p.sqEntries, flags: p.flags, raw: single && runtime.GOMAXPROCS(0) >= 2}
	if err := r.mmap(&p); err != nil {
		r.unmap()
		unix.Close(r.fd)
		return nil, err
	}
	return r, nil
}

// mmap maps the submission ring, the completion ring (the same mapping with
// IORING_FEAT_SINGLE_MMAP) and the SQE array, and points r at them.
func (r *Ring) mmap(p *params) error {
	sqSize := int(p.sqOff.array + p.sqEntries*4)
	cqSize := int(p.cqOff.cqes + p.cqEntries*uint32(unsafe.Sizeof(CQE{})))
	single := p.features&featSingleMmap != 0
	if single {
		sqSize = max(sqSize, cqSize)
	}
	var err error
	if r.sqMem, err = mapRing(r.fd, offSQRing, sqSize); err != nil {
		return fmt.Errorf("mmap io_uring submission ring: %w", err)
	}
	cq := r.sqMem
	if !single {
		if r.cqMem, err = mapRing(r.fd, offCQRing, cqSize); err != nil {
			return fmt.Errorf("mmap io_uring completion ring: %w", err)
		}
		cq = r.cqMem
	}
	if r.sqeMem, err = mapRing(r.fd, offSQEs, int(p.sqEntries)*int(unsafe.Sizeof(sqe{}))); err != nil {
		return fmt.Errorf("mmap io_uring submission entries: %w", err)
	}
	r.sqHead = word(r.sqMem, p.sqOff.head)
	r.sqTail = word(r.sqMem, p.sqOff.tail)
	r.sqMask = *word(r.sqMem, p.sqOff.ringMask)
	r.cqHead = word(cq, p.cqOff.head)
	r.cqTail = word(cq, p.cqOff.tail)
	r.cqMask = *word(cq, p.cqOff.ringMask)
	r.sqes = unsafe.Slice((*sqe)(unsafe.Pointer(&r.sqeMem[0])), p.sqEntries)
	r.cqes = unsafe.Slice((*CQE)(unsafe.Pointer(&cq[p.cqOff.cqes])), p.cqEntries)
	// Slot i of the submission array names SQE i, once and for all: the
	// tail then indexes the SQE array directly.
	array := unsafe.Slice(word(r.sqMem, p.sqOff.array), p.sqEntries)
	for i := range array {
		array[i] = uint32(i)
	}
	return nil
}

func mapRing(fd int, off int64, size int) ([]byte, error) {
	return unix.Mmap(fd, off, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE)
}

// word is the uint32 at byte offset off of a mapped ring.
func word(mem []byte, off uint32) *uint32 { return (*uint32)(unsafe.Pointer(&mem[off])) }

// Entries is the submission queue's size: the most requests Queue takes
// before a Submit.
func (r *Ring) Entries() uint32 { return r.entries }

func (r *Ring) unmap() {
	for _, m := range [][]byte{r.sqeMem, r.cqMem, r.sqMem} {
		if m != nil {
			_ = unix.Munmap(m)
		}
	}
	r.sqeMem, r.cqMem, r.sqMem = nil, nil, nil
}

// Close unmaps the queues and closes the ring; the kernel cancels what is
// still in flight. Reap every completion first: a buffer of a request still
// in flight may be written after Close returns.
func (r *Ring) Close() error {
	if r.closed {
		return ErrClosed
	}
	r.closed = true
	r.unmap()
	r.bufs = nil
	if err := unix.Close(r.fd); err != nil {
		return fmt.Errorf("close io_uring: %w", err)
	}
	return nil
}

// Start enables a ring New set up disabled (single), making the calling
// OS thread its one submitter: lock the goroutine to its thread first, and
// queue, submit and reap only from it. On any other ring it does nothing.
func (r *Ring) Start() error {
	if r.closed {
		return ErrClosed
	}
	if r.flags&setupRDisabled == 0 {
		return nil
	}
	if _, _, e := unix.Syscall6(unix.SYS_IO_URING_REGISTER, uintptr(r.fd), registerEnable, 0, 0, 0, 0); e != 0 {
		return fmt.Errorf("io_uring_register enable rings: %w", e)
	}
	r.flags &^= setupRDisabled
	return nil
}

// RawEnter reports whether Submit enters the kernel with a raw system call
// (see New).
func (r *Ring) RawEnter() bool { return r.raw }

// Flags names the setup flags the kernel took, e.g.
// "coop_taskrun,single_issuer,defer_taskrun", or "none".
func (r *Ring) Flags() string {
	var names []string
	for _, f := range []struct {
		bit  uint32
		name string
	}{{setupCoop, "coop_taskrun"}, {setupSingle, "single_issuer"}, {setupDefer, "defer_taskrun"}} {
		if r.flags&f.bit != 0 {
			names = append(names, f.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ",")
}
