package mmap

import (
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/benchrig/benchrig/internal/mmapx"
)

// prefault is the prefault= axis: what one op does, besides mmap, before
// touching the pages.
type prefault int

const (
	prefaultNone         prefault = iota // plain mmap; every first touch faults
	prefaultPopulate                     // mmap with MAP_POPULATE
	prefaultWillNeed                     // mmap, then madvise(MADV_WILLNEED)
	prefaultPopulateRead                 // mmap, then madvise(MADV_POPULATE_READ)
)

var prefaults = []prefault{prefaultNone, prefaultPopulate, prefaultWillNeed, prefaultPopulateRead}

func (p prefault) String() string {
	switch p {
	case prefaultNone:
		return "none"
	case prefaultPopulate:
		return "populate"
	case prefaultWillNeed:
		return "willneed"
	case prefaultPopulateRead:
		return "populate-read"
	}
	return fmt.Sprintf("prefault(%d)", int(p))
}

// access is the access= axis: the order in which one op touches the pages.
type access int

const (
	accessSeq  access = iota // page 0, 1, 2, ...
	accessRand               // a permutation of the pages from a fixed seed
)

func (a access) String() string {
	switch a {
	case accessSeq:
		return "seq"
	case accessRand:
		return "rand"
	}
	return fmt.Sprintf("access(%d)", int(a))
}

// dataSeed seeds the data file's content (harness.DataFile): every run of
// every machine maps the same bytes.
const dataSeed = 1

// permSeed seeds the access=rand permutation.
const permSeed = 2

// mapper performs one op, as doc.go defines it, on an open file.
type mapper struct {
	f       *os.File
	size    int
	opts    mmapx.Options
	advice  mmapx.Advice // 0: none
	offsets []int        // the byte touched in each page, in touch order
}

// newMapper prepares ops over the first size bytes of f. Touch order is
// computed here, outside the timed op: seq and rand then run the same loop
// over a different order.
func newMapper(f *os.File, size, pageSize int, private bool, p prefault, a access) *mapper {
	m := &mapper{f: f, size: size, opts: mmapx.Options{Private: private}}
	switch p {
	case prefaultPopulate:
		m.opts.Populate = true
	case prefaultWillNeed:
		m.advice = mmapx.WillNeed
	case prefaultPopulateRead:
		m.advice = mmapx.PopulateRead
	}
	pages := (size + pageSize - 1) / pageSize
	m.offsets = make([]int, pages)
	for i := range m.offsets {
		m.offsets[i] = i * pageSize
	}
	if a == accessRand {
		r := rand.New(rand.NewPCG(permSeed, 0))
		r.Shuffle(len(m.offsets), func(i, j int) { m.offsets[i], m.offsets[j] = m.offsets[j], m.offsets[i] })
	}
	return m
}

// op maps the file, prefaults it, reads one byte per page and unmaps it. It
// returns the time spent in mmap and madvise (mapD), the time spent touching
// (touchD), and the sum of the bytes read.
func (m *mapper) op() (mapD, touchD time.Duration, sum uint64, err error) {
	t0 := time.Now()
	b, err := mmapx.Map(m.f, m.size, m.opts)
	if err != nil {
		return 0, 0, 0, err
	}
	if m.advice != 0 {
		if err := mmapx.Advise(b, m.advice); err != nil {
			_ = mmapx.Unmap(b) // the madvise error is the one to report
			return 0, 0, 0, fmt.Errorf("%s: %w", m.f.Name(), err)
		}
	}
	t1 := time.Now()
	for _, off := range m.offsets {
		sum += uint64(b[off])
	}
	t2 := time.Now()
	if err := mmapx.Unmap(b); err != nil {
		return 0, 0, 0, fmt.Errorf("%s: %w", m.f.Name(), err)
	}
	return t1.Sub(t0), t2.Sub(t1), sum, nil
}
