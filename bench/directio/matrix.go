package directio

import (
	"fmt"
	"slices"

	"github.com/benchrig/benchrig/harness"
)

// ioCase is one sub-benchmark:
// op=<op>/bs=<bs>/qd=<qd>/io=<direct|buffered>/sync=<none|dsync>[/engine=<raw|uring>].
type ioCase struct {
	op     string // randread, seqread, seqwrite, randwrite
	bs     int64  // request size in bytes
	qd     int    // requests in flight at once on one shared fd
	direct bool   // O_DIRECT (io=direct) or the page cache (io=buffered)
	dsync  bool   // writes: O_DSYNC (sync=dsync), each write durable before it returns
	engine string // psync (no engine= segment), raw or uring; see engine.go
}

// psyncMatrix is the default run's psync part: enough to answer "4KiB random
// reads vs sequential writes" and how reads scale with queue depth, in about
// 30s. It is a chosen subset of the cross product, not all of it; see doc.go.
// Its buffered contrast, bufferedCase, runs last.
var psyncMatrix = []ioCase{
	{"randread", 4 * kib, 1, true, false, psync},
	{"randread", 4 * kib, 2, true, false, psync},
	{"randread", 4 * kib, 4, true, false, psync},
	{"randread", 4 * kib, 16, true, false, psync},
	{"seqread", 1 * mib, 1, true, false, psync},
	{"seqwrite", 4 * kib, 1, true, false, psync},
	{"seqwrite", 4 * kib, 1, true, true, psync},
	{"seqwrite", 1 * mib, 1, true, false, psync},
	{"randwrite", 4 * kib, 1, true, false, psync},
}

// shortPsync is the -short run's psync part: the headline pair (4KiB random
// reads vs sequential writes); bufferedCase follows.
var shortPsync = []ioCase{
	{"randread", 4 * kib, 1, true, false, psync},
	{"seqwrite", 4 * kib, 1, true, false, psync},
}

// bufferedCase is the contrast, the same reads from a warm page cache. It
// runs last: warming the data file is the costliest setup.
var bufferedCase = ioCase{"randread", 4 * kib, 1, false, false, psync}

// defaultEngineCases are the other engines' cells of a run without the
// engine knob: the raw and uring paths beside psync's headline row, and
// uring at the deepest psync queue.
var defaultEngineCases = []ioCase{
	{"randread", 4 * kib, 1, true, false, raw},
	{"randread", 4 * kib, 1, true, false, uringEngine},
	{"randread", 4 * kib, 16, true, false, uringEngine},
}

// shortEngineCases are the other-engine cells of a -short run without the
// engine knob: one uring read, so CI smoke runs cover the ring.
var shortEngineCases = []ioCase{
	{"randread", 4 * kib, 1, true, false, uringEngine},
}

// engineCases are the cells of an engine the knob selects by name (psync
// has psyncMatrix): raw at the queue depths its rule can allow on small
// machines, uring reads and writes from one request to a deep queue. With
// -short, one qd=1 read.
func engineCases(e string, short bool) []ioCase {
	if short {
		return []ioCase{{"randread", 4 * kib, 1, true, false, e}}
	}
	var cs []ioCase
	switch e {
	case raw:
		for _, qd := range []int{1, 2} {
			cs = append(cs, ioCase{"randread", 4 * kib, qd, true, false, raw})
		}
	case uringEngine:
		for _, op := range []string{"randread", "randwrite"} {
			for _, qd := range []int{1, 4, 16, 32, 64} {
				cs = append(cs, ioCase{op, 4 * kib, qd, true, false, uringEngine})
			}
		}
	}
	return cs
}

// matrix is the run's cells: with the engine knob unset (sel nil), psync's
// matrix plus a few raw and uring cells; with it, each selected engine's
// cells. -short keeps the small psync matrix and one cell per other engine
// (without the knob, only uring's).
func matrix(short bool, sel []string) []ioCase {
	withPsync := sel == nil || slices.Contains(sel, psync)
	var cs []ioCase
	switch {
	case withPsync && short:
		cs = append(cs, shortPsync...)
	case withPsync:
		cs = append(cs, psyncMatrix...)
	}
	switch {
	case sel == nil && short:
		cs = append(cs, shortEngineCases...)
	case sel == nil:
		cs = append(cs, defaultEngineCases...)
	default:
		for _, e := range []string{raw, uringEngine} {
			if slices.Contains(sel, e) {
				cs = append(cs, engineCases(e, short)...)
			}
		}
	}
	if withPsync {
		cs = append(cs, bufferedCase)
	}
	return cs
}

// String is the sub-benchmark name. psync rows keep the names they had
// before the engine axis (no engine= segment): users' baselines and the
// shipped reference are keyed on them.
func (c ioCase) String() string {
	mode := "buffered"
	if c.direct {
		mode = "direct"
	}
	durability := "none"
	if c.dsync {
		durability = "dsync"
	}
	s := fmt.Sprintf("op=%s/bs=%s/qd=%d/io=%s/sync=%s", c.op, harness.FormatSize(c.bs), c.qd, mode, durability)
	if c.engine != psync {
		s += "/engine=" + c.engine
	}
	return s
}

func (c ioCase) write() bool  { return c.op == "seqwrite" || c.op == "randwrite" }
func (c ioCase) random() bool { return c.op == "randread" || c.op == "randwrite" }
