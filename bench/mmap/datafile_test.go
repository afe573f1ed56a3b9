package mmap

import (
	"bytes"
	"compress/flate"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteDataFile(t *testing.T) {
	const size = 1 << 20
	dir := t.TempDir()
	write := func(name string, seed uint64) []byte {
		t.Helper()
		path := filepath.Join(dir, name)
		require.NoError(t, writeDataFile(path, size, seed))
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return b
	}
	a := write("a", 1)
	again := write("again", 1)
	other := write("other", 2)

	require.Len(t, a, size)
	assert.True(t, bytes.Equal(a, again), "the same seed gives the same bytes")
	assert.False(t, bytes.Equal(a, other), "different seeds give different bytes")
	_, err := os.Stat(filepath.Join(dir, "a.tmp"))
	assert.ErrorIs(t, err, os.ErrNotExist, "no temporary file is left")

	// Non-zero: no page is all zeros (a hole or a zero page storage could fake).
	const page = 4096
	zero := make([]byte, page)
	for off := 0; off < size; off += page {
		if bytes.Equal(a[off:off+page], zero) {
			t.Fatalf("page at offset %d is all zeros", off)
		}
	}
	// Random: incompressible, so compressing storage cannot fake reads either.
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(a)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	assert.Greater(t, z.Len(), size*99/100, "content compresses: not random")
}

func TestWriteDataFileReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.WriteFile(path, []byte("short"), 0o600))
	require.NoError(t, writeDataFile(path, 8192, 1))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, int64(8192), fi.Size())
}

func TestWriteDataFileError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-dir", "data")
	err := writeDataFile(path, 8192, 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path, "the error names the path")
}
