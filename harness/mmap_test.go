package harness

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/mmapx"
)

// mapAndTouch maps path shared and reads every page, so the kernel cannot
// drop them; it returns the unmap. It skips t where mmapx is unsupported.
func mapAndTouch(t *testing.T, path string) func() {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	fi, err := f.Stat()
	require.NoError(t, err)
	m, err := mmapx.Map(f, int(fi.Size()), mmapx.Options{})
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skip(err)
	}
	require.NoError(t, err)
	for i := 0; i < len(m); i += os.Getpagesize() {
		touchSink += m[i]
	}
	return func() { require.NoError(t, mmapx.Unmap(m)) }
}

// touchSink keeps the page reads from being optimised away.
var touchSink byte
