package directio

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBlockStream(t *testing.T) {
	const nblocks, n = 64, 64 * 4096
	var counts [nblocks]int
	for i := range uint64(n) {
		k := block(offsetSeed, i, nblocks)
		if k >= nblocks || k != block(offsetSeed, i, nblocks) {
			t.Fatalf("block(%d) = %d: out of range or not deterministic", i, k)
		}
		counts[k]++
	}
	// Uniform: each block gets n/nblocks = 4096 hits, give or take a few
	// standard deviations (sqrt(4096) = 64).
	for k, c := range counts {
		assert.InDelta(t, n/nblocks, c, 400, "block %d", k)
	}
}
