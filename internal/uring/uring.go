package uring

import (
	"errors"
	"syscall"
)

// ErrUnavailable is wrapped by the errors of New, Probe and RegisterBuffers
// when this process cannot use io_uring at all or cannot register its
// buffers; the error's text says why and what to change. Callers skip, not
// fail, on it.
var ErrUnavailable = errors.New("io_uring unavailable")

// ErrFull is returned by Queue when every submission queue entry is taken:
// Submit, then reap completions, before queueing more.
var ErrFull = errors.New("io_uring submission queue full; call Submit and reap completions before queueing more")

// ErrClosed is returned by every method of a Ring after Close.
var ErrClosed = errors.New("io_uring ring closed")

// Op is one request for Queue: a read (Write false) into Buf, or a write of
// Buf, at file offset Off of descriptor FD. With Fixed, Buf must lie inside
// the registered buffer number Index (RegisterBuffers) and the request is a
// READ_FIXED or WRITE_FIXED, which skips pinning the pages per request.
// UserData comes back in the request's CQE.
type Op struct {
	Write    bool
	FD       int
	Buf      []byte
	Off      int64
	Fixed    bool
	Index    uint16
	UserData uint64
}

// CQE is one completion: the request's UserData, Res (bytes transferred, or
// a negative errno) and the kernel's CQE flags.
type CQE struct {
	UserData uint64
	Res      int32
	Flags    uint32
}

// Err returns the request's error (the errno in a negative Res), or nil.
func (c CQE) Err() error {
	if c.Res < 0 {
		return syscall.Errno(-c.Res)
	}
	return nil
}
