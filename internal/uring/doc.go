// Package uring is a minimal io_uring ring for bench/directio's engine=uring:
// one submission queue and one completion queue mapped from the kernel,
// plain and fixed-buffer reads and writes, registered buffers, and nothing
// else. It is written over golang.org/x/sys/unix (io_uring_setup,
// io_uring_enter, io_uring_register and mmap of the rings), with the ring
// heads and tails read and written through sync/atomic, whose loads and
// stores order the plain SQE writes and CQE reads around them.
//
// A Ring is not safe for concurrent use: one goroutine queues requests
// (Queue), hands them to the kernel and waits (Submit), and reaps completions
// (Next). Buffers handed to a request must stay untouched until its
// completion is reaped; registered buffers are kept alive by the Ring until
// Close.
//
// When this process cannot use io_uring (a kernel without it, the
// kernel.io_uring_disabled sysctl, a seccomp filter, or a locked-memory limit
// too small for the ring or its registered buffers), New, Probe and
// RegisterBuffers return an error wrapping [ErrUnavailable] that names the
// cause and the fix. Off Linux every function returns an error wrapping
// errors.ErrUnsupported (uring_other.go), never a zero result.
package uring
