package uring

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/dio"
)

// newRing returns a ring of n entries closed at the end of the test, or
// skips the test with the reason when this process cannot use io_uring.
func newRing(t *testing.T, n uint32) *Ring {
	t.Helper()
	r, err := New(n, false)
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("%v", err)
	}
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// testFile writes nblocks 4KiB blocks, block i filled with byte 'a'+i, and
// returns it opened with flag (O_DIRECT when the filesystem takes it).
func testFile(t *testing.T, nblocks int, flag int) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data")
	var content []byte
	for i := range nblocks {
		content = append(content, bytesOf(byte('a'+i), 4096)...)
	}
	require.NoError(t, os.WriteFile(path, content, 0o600))
	f, err := dio.OpenDirect(path, flag, 0)
	if dio.Refused(err) {
		f, err = os.OpenFile(path, flag, 0)
	}
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func bytesOf(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}

// reap waits for and returns n completions, by UserData.
func reap(t *testing.T, r *Ring, n int) map[uint64]CQE {
	t.Helper()
	got := map[uint64]CQE{}
	for len(got) < n {
		require.NoError(t, r.Submit(1))
		for c, ok := r.Next(); ok; c, ok = r.Next() {
			got[c.UserData] = c
		}
	}
	_, more := r.Next()
	assert.False(t, more, "more completions than requests")
	return got
}

func TestABILayout(t *testing.T) {
	assert.EqualValues(t, 120, unsafe.Sizeof(params{}), "struct io_uring_params")
	assert.EqualValues(t, 64, unsafe.Sizeof(sqe{}), "struct io_uring_sqe")
	assert.EqualValues(t, 16, unsafe.Sizeof(CQE{}), "struct io_uring_cqe")
}

func TestReadKnownContent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fixed bool
	}{{"plain", false}, {"fixed", true}} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 4
			f := testFile(t, n, os.O_RDONLY)
			r := newRing(t, n)
			bufs := make([][]byte, n)
			for i := range bufs {
				bufs[i] = dio.AlignedBlock(4096)
			}
			if tc.fixed {
				err := r.RegisterBuffers(bufs)
				if errors.Is(err, ErrUnavailable) {
					t.Skipf("%v", err)
				}
				require.NoError(t, err)
			}
			for i := range n { // block n-1-i into buffer i: offsets and buffers differ
				op := Op{FD: int(f.Fd()), Buf: bufs[i], Off: int64(n-1-i) * 4096, Fixed: tc.fixed, Index: uint16(i), UserData: uint64(i)}
				require.NoError(t, r.Queue(op))
			}
			got := reap(t, r, n)
			for i := range n {
				require.Contains(t, got, uint64(i))
				require.NoError(t, got[uint64(i)].Err())
				assert.EqualValues(t, 4096, got[uint64(i)].Res)
				assert.Equal(t, bytesOf(byte('a'+n-1-i), 4096), bufs[i], "buffer %d", i)
			}
		})
	}
}

func TestWriteFixedReadBack(t *testing.T) {
	f := testFile(t, 2, os.O_RDWR)
	r := newRing(t, 1)
	buf := dio.AlignedBlock(4096)
	copy(buf, bytesOf('z', 4096))
	err := r.RegisterBuffers([][]byte{buf})
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("%v", err)
	}
	require.NoError(t, err)
	require.NoError(t, r.Queue(Op{Write: true, FD: int(f.Fd()), Buf: buf, Off: 4096, Fixed: true, UserData: 7}))
	c := reap(t, r, 1)[7]
	require.NoError(t, c.Err())
	assert.EqualValues(t, 4096, c.Res)
	b, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	assert.Equal(t, append(bytesOf('a', 4096), bytesOf('z', 4096)...), b)
}

func TestRingFull(t *testing.T) {
	f := testFile(t, 1, os.O_RDONLY)
	r := newRing(t, 4)
	require.EqualValues(t, 4, r.Entries())
	buf := dio.AlignedBlock(4096)
	op := Op{FD: int(f.Fd()), Buf: buf}
	for range 4 {
		require.NoError(t, r.Queue(op))
	}
	assert.ErrorIs(t, r.Queue(op), ErrFull)
	reap(t, r, 1) // Submit takes all 4 off the submission queue
	assert.NoError(t, r.Queue(op), "room again once the kernel took the entries")
}

func TestErrorCompletion(t *testing.T) {
	f := testFile(t, 1, os.O_RDONLY)
	r := newRing(t, 2)
	buf := dio.AlignedBlock(4096)
	require.NoError(t, r.Queue(Op{Write: true, FD: int(f.Fd()), Buf: buf, UserData: 1})) // read-only fd
	require.NoError(t, r.Queue(Op{FD: -1, Buf: buf, UserData: 2}))
	got := reap(t, r, 2)
	for _, id := range []uint64{1, 2} {
		assert.Negative(t, got[id].Res, "request %d", id)
		assert.ErrorIs(t, got[id].Err(), syscall.EBADF, "request %d", id)
	}
}

func TestClosed(t *testing.T) {
	r := newRing(t, 1)
	require.NoError(t, r.Close())
	assert.ErrorIs(t, r.Close(), ErrClosed)
	assert.ErrorIs(t, r.Queue(Op{Buf: make([]byte, 1)}), ErrClosed)
	assert.ErrorIs(t, r.Submit(1), ErrClosed)
	assert.ErrorIs(t, r.Submit(0), ErrClosed)
	assert.False(t, r.Ready())
	assert.ErrorIs(t, r.RegisterBuffers([][]byte{make([]byte, 1)}), ErrClosed)
	_, ok := r.Next()
	assert.False(t, ok)
}

func TestNewBadEntries(t *testing.T) {
	for _, n := range []uint32{0, maxEntries + 1} {
		_, err := New(n, false)
		assert.ErrorContains(t, err, "entries: want 1 to 4096")
	}
}
