package directio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDataFileDeterministicNonZero(t *testing.T) {
	const size = 9 * mib // not a multiple of writeChunk: the last chunk is short
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	require.NoError(t, writeFile(a, size, dataSeed))
	require.NoError(t, writeFile(b, size, dataSeed))

	da, err := os.ReadFile(a)
	require.NoError(t, err)
	db, err := os.ReadFile(b)
	require.NoError(t, err)
	require.Len(t, da, size)
	assert.True(t, bytes.Equal(da, db), "two layouts with the same seed differ")

	zero := make([]byte, 8)
	for off := 0; off < size; off += 8 {
		if bytes.Equal(da[off:off+8], zero) {
			t.Fatalf("%s: zero word at offset %d", a, off)
		}
	}
	// Content depends only on (seed, offset): any range can be regenerated.
	for _, off := range []int64{0, 4096, writeChunk, size - 4096} {
		want := make([]byte, 4096)
		fill(want, dataSeed, off)
		assert.Equal(t, want, da[off:off+4096], "offset %d", off)
	}
	// Another seed gives other content.
	other := make([]byte, 4096)
	fill(other, writeSeed, 0)
	assert.NotEqual(t, other, da[:4096])
}

func TestWriteFileRejectsBadSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int64
	}{
		{"zero", 0},
		{"negative", -mib},
		{"not-whole-mib", mib + 4096},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f")
			err := writeFile(path, tc.size, dataSeed)
			require.Error(t, err)
			assert.Contains(t, err.Error(), path)
		})
	}
}

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
