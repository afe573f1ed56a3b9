package mmapx

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// Map maps the first length bytes of f as o says. Release the mapping with
// [Unmap]; touching it after that crashes the program.
func Map(f *os.File, length int, o Options) ([]byte, error) {
	if length <= 0 {
		return nil, fmt.Errorf("mmap %s: length %d: want > 0", f.Name(), length)
	}
	prot, flags := unix.PROT_READ, unix.MAP_SHARED
	if o.Private {
		prot, flags = unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE
	}
	if o.Populate {
		flags |= unix.MAP_POPULATE
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, fmt.Errorf("mmap %s: %w", f.Name(), err)
	}
	var data []byte
	var merr error
	if err := rc.Control(func(fd uintptr) {
		data, merr = unix.Mmap(int(fd), 0, length, prot, flags)
	}); err != nil {
		return nil, fmt.Errorf("mmap %s: %w", f.Name(), err)
	}
	if merr != nil {
		return nil, fmt.Errorf("mmap %s (%d bytes, %v): %w", f.Name(), length, o, os.NewSyscallError("mmap", merr))
	}
	return data, nil
}

// Unmap releases a mapping returned by [Map].
func Unmap(b []byte) error {
	if len(b) == 0 {
		return errors.New("munmap: empty mapping: pass the slice Map returned")
	}
	if err := unix.Munmap(b); err != nil {
		return os.NewSyscallError("munmap", err)
	}
	return nil
}

// Advise applies a to the whole mapping b.
func Advise(b []byte, a Advice) error {
	var adv int
	switch a {
	case WillNeed:
		adv = unix.MADV_WILLNEED
	case PopulateRead:
		adv = unix.MADV_POPULATE_READ
	default:
		return fmt.Errorf("madvise: unknown advice %v: use WillNeed or PopulateRead", a)
	}
	if len(b) == 0 {
		return fmt.Errorf("madvise(%v): empty mapping: pass the slice Map returned", a)
	}
	if err := unix.Madvise(b, adv); err != nil {
		return fmt.Errorf("madvise(%v) on %d bytes: %w", a, len(b), os.NewSyscallError("madvise", err))
	}
	return nil
}

var probe struct {
	once sync.Once
	err  error
}

// ProbePopulateRead reports whether the kernel supports MADV_POPULATE_READ,
// by applying it once to a small anonymous mapping. It returns nil when it
// does, an error wrapping [ErrPopulateReadUnsupported] (and naming the kernel
// release) when the kernel rejects the advice with EINVAL, and any other
// failure as it is. The result is computed once per process.
func ProbePopulateRead() error {
	probe.once.Do(func() { probe.err = probePopulateRead() })
	return probe.err
}

func probePopulateRead() error {
	page := os.Getpagesize()
	b, err := unix.Mmap(-1, 0, page, unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return fmt.Errorf("probing MADV_POPULATE_READ: %w", os.NewSyscallError("mmap", err))
	}
	defer func() { _ = unix.Munmap(b) }() // a one-page anonymous mapping; nothing to report
	err = unix.Madvise(b, unix.MADV_POPULATE_READ)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL):
		return fmt.Errorf("%w: madvise returned EINVAL on kernel %s", ErrPopulateReadUnsupported, kernelRelease())
	default:
		return fmt.Errorf("probing MADV_POPULATE_READ: %w", os.NewSyscallError("madvise", err))
	}
}

func kernelRelease() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "unknown"
	}
	return unix.ByteSliceToString(u.Release[:])
}
