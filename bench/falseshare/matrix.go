package falseshare

import (
	"slices"
	"strconv"
)

// layout names where each goroutine's counter lives. It is the value of the
// layout= key of the benchmark name.
type layout string

const (
	packed       layout = "packed"       // own counters 8 B apart: several share a cache line
	pad64        layout = "pad64"        // own counters 64 B apart
	pad128       layout = "pad128"       // own counters 128 B apart (covers adjacent-line prefetch)
	cachelinepad layout = "cachelinepad" // own counters in structs padded with cpu.CacheLinePad
	shared       layout = "shared"       // one counter for every goroutine: true sharing, for contrast
)

// layouts is the benchmark order. packed comes first because benchstat
// compares every column with the first one, so "benchstat -col /layout" shows
// what padding saves relative to the false-sharing layout.
var layouts = []layout{packed, pad64, pad128, cachelinepad, shared}

// goroutineCounts returns the goroutine counts benchmarked at GOMAXPROCS
// procs: 2 and procs, deduplicated and ascending; only 2 with -short.
func goroutineCounts(procs int, short bool) []int {
	if short {
		return []int{2}
	}
	gs := []int{2, procs}
	slices.Sort(gs)
	return slices.Compact(gs)
}

// addCase is one sub-benchmark of BenchmarkFalseSharing.
type addCase struct {
	layout layout
	g      int // goroutines, each on its own counter (one shared for layout=shared)
}

// name is the sub-benchmark name below the family, e.g.
// "layout=packed/goroutines=2".
func (c addCase) name() string {
	return "layout=" + string(c.layout) + "/goroutines=" + strconv.Itoa(c.g)
}

// matrix lists BenchmarkFalseSharing's cases at GOMAXPROCS procs: every
// layout, in benchmark order, at each of goroutineCounts(procs, short).
func matrix(procs int, short bool) []addCase {
	var cs []addCase
	for _, l := range layouts {
		for _, g := range goroutineCounts(procs, short) {
			cs = append(cs, addCase{layout: l, g: g})
		}
	}
	return cs
}
