package harness

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// mapAndTouch maps path shared and reads every page, so the kernel cannot
// drop them; it returns the unmap.
func mapAndTouch(t *testing.T, path string) func() {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	fi, err := f.Stat()
	require.NoError(t, err)
	m, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
	require.NoError(t, err)
	for i := 0; i < len(m); i += os.Getpagesize() {
		touchSink += m[i]
	}
	return func() { unix.Munmap(m) }
}

// touchSink keeps the page reads from being optimised away.
var touchSink byte
