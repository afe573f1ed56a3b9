package falseshare

import (
	"fmt"
	"os"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/cpu"
)

// stride is the byte distance between consecutive counters of the layouts
// carved from a page-aligned buffer (0 for shared: one counter).
var stride = map[layout]int{shared: 0, packed: 8, pad64: 64, pad128: 128}

// padded is the idiomatic fix: the counter is surrounded by padding as large
// as the toolchain's idea of a cache line, so nothing else can share its line.
type padded struct {
	_ cpu.CacheLinePad
	n atomic.Uint64
	_ cpu.CacheLinePad
}

// counters is the memory one benchmark run hammers.
type counters struct {
	layout layout
	// ptrs[i] is goroutine i's counter; for shared every entry is the same.
	ptrs []*atomic.Uint64
	// base is the address the counters are laid out from: the page-aligned
	// start of the carved region, or the first padded element.
	base uintptr
	// mem is the backing memory ([]uint64 or []padded). Holding it keeps the
	// counters alive and lets tests inspect the layout.
	mem any
}

// newCounters lays out g counters for l. The carved layouts (shared, packed,
// pad64, pad128) put counter i at byte offset i*stride from a page-aligned
// base inside one []uint64 allocation of size+pagesize bytes, so the offsets
// and the cache lines they fall in do not depend on where the allocator put
// the slice. It does no I/O and no syscalls, so tests can inspect the result.
func newCounters(l layout, g int) (*counters, error) {
	if g < 1 {
		return nil, fmt.Errorf("falseshare: layout %s: %d goroutines; need at least 1", l, g)
	}
	c := &counters{layout: l, ptrs: make([]*atomic.Uint64, g)}
	if l == cachelinepad {
		ps := make([]padded, g)
		for i := range ps {
			c.ptrs[i] = &ps[i].n
		}
		c.base = uintptr(unsafe.Pointer(&ps[0]))
		c.mem = ps
		return c, nil
	}
	s, ok := stride[l]
	if !ok {
		return nil, fmt.Errorf("falseshare: unknown layout %q; use one of %v", l, layouts)
	}
	page := os.Getpagesize()
	size := (g-1)*s + 8
	words := make([]uint64, (size+page+7)/8) // []uint64 is 8-byte aligned
	addr := uintptr(unsafe.Pointer(&words[0]))
	first := int((uintptr(page)-addr%uintptr(page))%uintptr(page)) / 8
	for i := range c.ptrs {
		// atomic.Uint64 is a uint64 with no other fields of non-zero size, so
		// it may overlay an element of the []uint64.
		c.ptrs[i] = (*atomic.Uint64)(unsafe.Pointer(&words[first+i*s/8]))
	}
	c.base = uintptr(unsafe.Pointer(&words[first]))
	c.mem = words
	return c, nil
}

// verify checks the totals after every goroutine did n adds on its counter:
// each own counter holds n, the shared counter holds g*n.
func (c *counters) verify(n int) error {
	g := len(c.ptrs)
	if c.layout == shared {
		if got, want := c.ptrs[0].Load(), uint64(g)*uint64(n); got != want {
			return fmt.Errorf("falseshare: layout %s, %d goroutines: shared counter = %d, want %d (= %d×%d); adds were lost", c.layout, g, got, want, g, n)
		}
		return nil
	}
	for i, p := range c.ptrs {
		if got := p.Load(); got != uint64(n) {
			return fmt.Errorf("falseshare: layout %s, %d goroutines: counter %d = %d, want %d; adds were lost or went to the wrong counter", c.layout, g, i, got, n)
		}
	}
	return nil
}

// sum returns the total of the distinct counters.
func (c *counters) sum() uint64 {
	if c.layout == shared {
		return c.ptrs[0].Load()
	}
	var t uint64
	for _, p := range c.ptrs {
		t += p.Load()
	}
	return t
}
