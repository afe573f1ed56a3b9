package mmapx_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/mmapx"
)

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	testutil.RequireOtherOS(t)
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	require.NoError(t, err)
	defer f.Close()
	errs := map[string]error{}
	_, errs["Map"] = mmapx.Map(f, 4096, mmapx.Options{})
	errs["Unmap"] = mmapx.Unmap(make([]byte, 4096))
	errs["Advise"] = mmapx.Advise(make([]byte, 4096), mmapx.WillNeed)
	errs["ProbePopulateRead"] = mmapx.ProbePopulateRead()
	testutil.AssertUnsupported(t, errs)
}
