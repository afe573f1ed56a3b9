package mmapx

import (
	"errors"
	"fmt"
)

// ErrPopulateReadUnsupported is wrapped by [ProbePopulateRead] when the
// kernel rejects MADV_POPULATE_READ (it needs Linux ≥ 5.14).
var ErrPopulateReadUnsupported = errors.New("the kernel does not support MADV_POPULATE_READ (needs Linux ≥ 5.14)")

// Options select how [Map] maps a file.
type Options struct {
	// Private maps the file copy-on-write and writable (MAP_PRIVATE,
	// PROT_READ|PROT_WRITE). Writes never reach the file. The default is a
	// read-only shared mapping (MAP_SHARED, PROT_READ).
	Private bool
	// Populate adds MAP_POPULATE: every page is read into the page cache
	// and mapped before Map returns. With Private, every page is also
	// copied (copy-on-write is broken up front).
	Populate bool
}

// String describes o the way mmap(2) flags read, e.g.
// "MAP_SHARED|MAP_POPULATE, PROT_READ".
func (o Options) String() string {
	s, prot := "MAP_SHARED", "PROT_READ"
	if o.Private {
		s, prot = "MAP_PRIVATE", "PROT_READ|PROT_WRITE"
	}
	if o.Populate {
		s += "|MAP_POPULATE"
	}
	return s + ", " + prot
}

// Advice is an madvise(2) advice that [Advise] accepts.
type Advice int

const (
	// WillNeed is MADV_WILLNEED: start readahead of the range and return
	// without waiting for it or mapping anything.
	WillNeed Advice = iota + 1
	// PopulateRead is MADV_POPULATE_READ (Linux ≥ 5.14): read-fault every
	// page of the range, waiting for the I/O, without breaking
	// copy-on-write.
	PopulateRead
)

// String returns the kernel's name for a.
func (a Advice) String() string {
	switch a {
	case WillNeed:
		return "MADV_WILLNEED"
	case PopulateRead:
		return "MADV_POPULATE_READ"
	}
	return fmt.Sprintf("Advice(%d)", int(a))
}
