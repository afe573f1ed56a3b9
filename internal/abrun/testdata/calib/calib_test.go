// Package calib is benchrig's calibration load: benchmarks whose work per
// op is set by BENCHRIG_CALIB_SCALE (default 1), so that a run at scale
// 1.05 is a real 5% slowdown. benchrig power copies it into a module
// of its own, builds it once and runs it at scale 1.00 against scaled
// copies.
package calib

import (
	"crypto/sha256"
	"math"
	"os"
	"strconv"
	"syscall"
	"testing"
)

// Work per op at scale 1: hashes of a 1 KiB block (CPU-bound) and getpid
// calls (syscall-bound). Large counts keep the rounding of scale×count
// below 0.1%.
const (
	hashes  = 1000
	getpids = 1000
)

func scaled(tb testing.TB, n int) int {
	s := 1.0
	if v := os.Getenv("BENCHRIG_CALIB_SCALE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f > 0) || math.IsInf(f, 0) {
			tb.Fatalf("BENCHRIG_CALIB_SCALE=%q: want a positive number, e.g. 1.05", v)
		}
		s = f
	}
	return int(math.Round(s * float64(n)))
}

var sink [sha256.Size]byte

func BenchmarkCalib(b *testing.B) {
	b.Run("load=cpu", func(b *testing.B) {
		n := scaled(b, hashes)
		block := make([]byte, 1024)
		for b.Loop() {
			for range n {
				sink = sha256.Sum256(block)
				block[0] = sink[0]
			}
		}
	})
	b.Run("load=syscall", func(b *testing.B) {
		n := scaled(b, getpids)
		for b.Loop() {
			for range n {
				syscall.Getpid()
			}
		}
	})
}
