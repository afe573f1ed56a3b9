package mmapx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/benchrig/benchrig/internal/mmapx"
)

const testPages = 256 // 1 MiB with 4 KiB pages

// testFile writes pages pages whose bytes are all non-zero and differ page to
// page, fsyncs them and returns the open file and its contents.
func testFile(t *testing.T) (*os.File, []byte) {
	t.Helper()
	page := os.Getpagesize()
	want := make([]byte, testPages*page)
	for i := range want {
		want[i] = byte(1 + (i/page+i)%251)
	}
	path := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.WriteFile(path, want, 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	require.NoError(t, f.Sync())
	return f, want
}

// threadFaults returns the minor faults of the calling thread; the caller
// holds runtime.LockOSThread.
func threadFaults(t *testing.T) int64 {
	t.Helper()
	var ru unix.Rusage
	require.NoError(t, unix.Getrusage(unix.RUSAGE_THREAD, &ru))
	return ru.Minflt
}

// resident counts the pages of the mapping b that are in memory.
func resident(t *testing.T, b []byte) int {
	t.Helper()
	page := os.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	// x/sys has no Mincore wrapper on Linux.
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	require.Zero(t, errno, "mincore: %v", errno)
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

// evict drops f from the page cache and skips t when the filesystem keeps it
// (tmpfs, ramfs).
func evict(t *testing.T, f *os.File) {
	t.Helper()
	require.NoError(t, unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED))
	b, err := mmapx.Map(f, testPages*os.Getpagesize(), mmapx.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, mmapx.Unmap(b)) }()
	if n := resident(t, b); n != 0 {
		t.Skipf("%s keeps %d of %d pages cached after POSIX_FADV_DONTNEED (tmpfs?); set TMPDIR to a disk-backed directory", f.Name(), n, testPages)
	}
}

func TestMapReadsFile(t *testing.T) {
	tests := []struct {
		name string
		o    mmapx.Options
	}{
		{"shared", mmapx.Options{}},
		{"shared-populate", mmapx.Options{Populate: true}},
		{"private", mmapx.Options{Private: true}},
		{"private-populate", mmapx.Options{Private: true, Populate: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, want := testFile(t)
			b, err := mmapx.Map(f, len(want), tt.o)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(want, b), "mapping differs from the file")
			require.NoError(t, mmapx.Unmap(b))
		})
	}
}

func TestMapPrivateWritesStayPrivate(t *testing.T) {
	f, want := testFile(t)
	b, err := mmapx.Map(f, len(want), mmapx.Options{Private: true, Populate: true})
	require.NoError(t, err)
	for i := 0; i < len(b); i += os.Getpagesize() {
		b[i] = 0
	}
	require.NoError(t, mmapx.Unmap(b))
	got, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "a private mapping's writes reached the file")
}

func TestMapErrors(t *testing.T) {
	dir := t.TempDir()
	wo, err := os.OpenFile(filepath.Join(dir, "write-only"), os.O_CREATE|os.O_WRONLY, 0o600)
	require.NoError(t, err)
	require.NoError(t, wo.Truncate(4096))
	t.Cleanup(func() { wo.Close() })
	closed, err := os.Create(filepath.Join(dir, "closed"))
	require.NoError(t, err)
	require.NoError(t, closed.Close())
	ok, _ := testFile(t)

	tests := []struct {
		name    string
		f       *os.File
		length  int
		wantErr string
	}{
		{"zero-length", ok, 0, "length 0: want > 0"},
		{"negative-length", ok, -1, "length -1: want > 0"},
		{"closed-file", closed, 4096, "closed"},
		{"write-only-file", wo, 4096, "permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := mmapx.Map(tt.f, tt.length, mmapx.Options{})
			require.Error(t, err)
			assert.Nil(t, b)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), tt.f.Name(), "the error names the file")
		})
	}
}

func TestUnmapEmpty(t *testing.T) {
	assert.ErrorContains(t, mmapx.Unmap(nil), "empty mapping")
}

func TestAdviseErrors(t *testing.T) {
	f, want := testFile(t)
	b, err := mmapx.Map(f, len(want), mmapx.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mmapx.Unmap(b)) })

	tests := []struct {
		name    string
		b       []byte
		a       mmapx.Advice
		wantErr string
	}{
		{"unknown-advice", b, mmapx.Advice(0), "unknown advice Advice(0)"},
		{"empty-mapping", nil, mmapx.WillNeed, "empty mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, mmapx.Advise(tt.b, tt.a), tt.wantErr)
		})
	}
}
