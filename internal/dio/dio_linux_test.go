package dio

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatAlign(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, make([]byte, 4096), 0o600))

	a, err := StatAlign(path)
	if errors.Is(err, ErrAlignUnknown) {
		t.Skipf("%s: %v", path, err)
	}
	require.NoError(t, err)
	if !a.Supported() {
		t.Skipf("the filesystem of %s reports no direct I/O support (%s)", path, a)
	}
	assert.Zero(t, a.Mem&(a.Mem-1), "mem alignment %d is a power of two", a.Mem)
	assert.Zero(t, a.Offset&(a.Offset-1), "offset alignment %d is a power of two", a.Offset)
	t.Logf("%s: %s", path, a)
}

func TestStatAlignMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent")
	_, err := StatAlign(path)
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ENOENT)
	assert.Contains(t, err.Error(), path)
}

func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"einval", syscall.EINVAL, true},
		{"wrapped-einval", &os.PathError{Op: "open", Path: "/x", Err: syscall.EINVAL}, true},
		{"fmt-wrapped-einval", fmt.Errorf("open: %w", syscall.EINVAL), true},
		{"enoent", syscall.ENOENT, false},
		{"eio", syscall.EIO, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Refused(tc.err))
		})
	}
}

// rwPaths are the two ways to make one request: through the runtime's
// syscall hooks (Pread, Pwrite) and around them (RawPread, RawPwrite).
var rwPaths = []struct {
	name  string
	read  func(uintptr, []byte, int64) (int, error)
	write func(uintptr, []byte, int64) (int, error)
}{
	{"psync", Pread, Pwrite},
	{"raw", RawPread, RawPwrite},
}

func TestPreadPwriteRoundTrip(t *testing.T) {
	for _, tc := range rwPaths {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Create(filepath.Join(t.TempDir(), "f"))
			require.NoError(t, err)
			defer f.Close()

			want := []byte("benchrig direct io")
			n, err := tc.write(f.Fd(), want, 8192)
			require.NoError(t, err)
			require.Equal(t, len(want), n)

			got := make([]byte, len(want))
			n, err = tc.read(f.Fd(), got, 8192)
			require.NoError(t, err)
			assert.Equal(t, len(want), n)
			assert.Equal(t, want, got)

			n, err = tc.read(f.Fd(), got, 1<<20) // past the end: 0 bytes, no error
			assert.NoError(t, err)
			assert.Zero(t, n)
			n, err = tc.read(f.Fd(), nil, 0)
			assert.NoError(t, err)
			assert.Zero(t, n)

			allocs := testing.AllocsPerRun(100, func() { _, _ = tc.read(f.Fd(), got, 8192) })
			assert.Zero(t, allocs, "%s read allocates", tc.name)
		})
	}
}

func TestPreadBadFD(t *testing.T) {
	for _, tc := range rwPaths {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.read(^uintptr(0)>>1, make([]byte, 1), 0)
			assert.ErrorIs(t, err, syscall.EBADF)
			_, err = tc.write(^uintptr(0)>>1, make([]byte, 1), 0)
			assert.ErrorIs(t, err, syscall.EBADF)
		})
	}
}

// TestRawWriteReadOnly checks that RawPwrite reports the kernel's error
// (EBADF on a read-only descriptor) as the Errno, like Pwrite.
func TestRawWriteReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, make([]byte, 4096), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	n, err := RawPwrite(f.Fd(), make([]byte, 8), 0)
	assert.Equal(t, syscall.EBADF, err)
	assert.Equal(t, -1, n)
}

func TestAlignedBlock(t *testing.T) {
	for _, n := range []int{1, 4096, 1 << 20} {
		b := AlignedBlock(n)
		assert.Len(t, b, n)
		assert.Equal(t, n, cap(b))
		assert.Zero(t, uintptr(unsafe.Pointer(unsafe.SliceData(b)))%BlockAlign, "n=%d", n)
	}
}

func TestOpenDirect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	f, err := OpenDirect(path, os.O_RDWR|os.O_CREATE, 0o600)
	if Refused(err) {
		t.Skipf("the filesystem of %s refuses O_DIRECT", path)
	}
	require.NoError(t, err)
	defer f.Close()
	buf := AlignedBlock(4096)
	n, err := f.WriteAt(buf, 0)
	require.NoError(t, err)
	assert.Equal(t, 4096, n)
	_, err = f.WriteAt(buf[:100], 0) // O_DIRECT refuses an unaligned length
	assert.True(t, Refused(err), "a 100-byte write through O_DIRECT: %v", err)
}
