package directio

import (
	"fmt"

	"github.com/benchrig/benchrig/harness"
)

// ioCase is one sub-benchmark:
// op=<op>/bs=<bs>/qd=<qd>/io=<direct|buffered>/sync=<none|dsync>.
type ioCase struct {
	op     string // randread, seqread, seqwrite, randwrite
	bs     int64  // request size in bytes
	qd     int    // goroutines issuing requests at once on one shared fd
	direct bool   // O_DIRECT (io=direct) or the page cache (io=buffered)
	dsync  bool   // writes: O_DSYNC (sync=dsync), each write durable before it returns
}

// fullMatrix is the default run: enough to answer "4KiB random reads vs
// sequential writes" and how reads scale with queue depth, in about 30s. It is
// a chosen subset of the cross product, not all of it; see doc.go.
var fullMatrix = []ioCase{
	{"randread", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 2, true, false},
	{"randread", 4 * kib, 4, true, false},
	{"randread", 4 * kib, 16, true, false},
	{"seqread", 1 * mib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, true},
	{"seqwrite", 1 * mib, 1, true, false},
	{"randwrite", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 1, false, false}, // last: warming the data file is the costliest setup
}

// shortMatrix is the -short run: the headline pair (4KiB random reads vs sequential writes) plus the
// buffered contrast.
var shortMatrix = []ioCase{
	{"randread", 4 * kib, 1, true, false},
	{"seqwrite", 4 * kib, 1, true, false},
	{"randread", 4 * kib, 1, false, false},
}

func matrix(short bool) []ioCase {
	if short {
		return shortMatrix
	}
	return fullMatrix
}

func (c ioCase) String() string {
	mode := "buffered"
	if c.direct {
		mode = "direct"
	}
	durability := "none"
	if c.dsync {
		durability = "dsync"
	}
	return fmt.Sprintf("op=%s/bs=%s/qd=%d/io=%s/sync=%s", c.op, harness.FormatSize(c.bs), c.qd, mode, durability)
}

func (c ioCase) write() bool  { return c.op == "seqwrite" || c.op == "randwrite" }
func (c ioCase) random() bool { return c.op == "randread" || c.op == "randwrite" }
