package harness

import (
	"bytes"
	"compress/flate"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// TestWriteDataFile: one seed gives the same bytes every time, of the size
// asked for, non-zero, incompressible and regenerable from any offset.
func TestWriteDataFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		size int64
	}{
		{"chunks-and-a-short-one", 9 << 20},   // not a multiple of writeChunk
		{"one-page", 4096},                    // direct writes, one short chunk
		{"not-block-aligned", 3*4096 + 1000},  // buffered
		{"odd-bytes", 13},                     // a partial last word
		{"just-over-a-chunk", writeChunk + 8}, // buffered, two chunks
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := filepath.Join(dir, tc.name+"-a"), filepath.Join(dir, tc.name+"-b")
			require.NoError(t, WriteDataFile(a, tc.size, 1))
			require.NoError(t, WriteDataFile(b, tc.size, 1))
			da, db := readFile(t, a), readFile(t, b)
			require.Len(t, da, int(tc.size))
			assert.True(t, bytes.Equal(da, db), "one seed, two files: the bytes differ")
			_, err := os.Stat(a + ".tmp")
			assert.ErrorIs(t, err, os.ErrNotExist, "no temporary file is left")

			want := make([]byte, tc.size)
			FillData(want, 1, 0)
			assert.True(t, bytes.Equal(want, da), "the file is FillData's content")
			for _, off := range []int64{0, 3, 8, tc.size / 2, tc.size - 5} {
				part := make([]byte, min(4096, tc.size-off))
				FillData(part, 1, off)
				assert.Equal(t, da[off:off+int64(len(part))], part, "FillData at offset %d", off)
			}
		})
	}
	other := filepath.Join(dir, "other")
	require.NoError(t, WriteDataFile(other, 4096, 2))
	assert.NotEqual(t, readFile(t, other), readFile(t, filepath.Join(dir, "one-page-a")), "another seed gives other bytes")
}

func TestDataContentIsNotFakeable(t *testing.T) {
	const size = 1 << 20
	p := make([]byte, size)
	FillData(p, 1, 0)
	zero := make([]byte, 8)
	for off := 0; off < size; off += 8 {
		require.False(t, bytes.Equal(p[off:off+8], zero), "zero word at offset %d: a hole or zero page storage could fake", off)
	}
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	assert.Greater(t, z.Len(), size*99/100, "content compresses: compressing storage could fake reads")
}

func TestWriteDataFileReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.WriteFile(path, bytes.Repeat([]byte("x"), 1<<20), 0o600))
	require.NoError(t, WriteDataFile(path, 8192, 1))
	assert.Len(t, readFile(t, path), 8192)
}

func TestWriteDataFileErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing-dir", "data")
	for _, tc := range []struct {
		name, path string
		size       int64
		want       string
	}{
		{"missing-dir", missing, 8192, "no such file or directory"},
		{"zero-size", filepath.Join(t.TempDir(), "data"), 0, "want a positive size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteDataFile(tc.path, tc.size, 1)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.path, "the error names the path")
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestDataFile: written once per dir, size and seed, then reused; a file
// that does not fit skips before anything is written; a failed write fails
// naming the path.
func TestDataFile(t *testing.T) {
	testutil.RequireLinux(t) // the free-space check needs statfs
	dir := t.TempDir()
	p := DataFile(t, dir, 8192, 7)
	assert.Equal(t, filepath.Join(dir, "data-8KiB-seed7"), p)
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, int64(8192), fi.Size())
	require.NoError(t, os.Chtimes(p, fi.ModTime(), fi.ModTime().Add(-3600e9)))
	before, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, p, DataFile(t, dir, 8192, 7))
	again, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, before.ModTime(), again.ModTime(), "the second call reuses the file")
	assert.NotEqual(t, p, DataFile(t, dir, 8192, 8), "another seed is another file")

	r := testutil.Run(t, func(tb testing.TB) { DataFile(tb, dir, 1<<62, 7) })
	assert.Contains(t, r.SkipReason, "free space or set BENCHRIG_DIR", "too little room skips with the fix")
	assert.Empty(t, r.FatalReason)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "the skipped file wrote nothing")

	blocked := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(blocked, "data-8KiB-seed7"), 0o755)) // a dir where the file goes
	r = testutil.Run(t, func(tb testing.TB) { DataFile(tb, blocked, 8192, 7) })
	assert.Contains(t, r.FatalReason, filepath.Join(blocked, "data-8KiB-seed7"), "a failed write names the path")
	assert.Empty(t, r.SkipReason)
}
