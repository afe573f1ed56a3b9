package dio

import (
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	testutil.RequireOtherOS(t)
	errs := map[string]error{}
	_, errs["StatAlign"] = StatAlign("x")
	_, errs["Pread"] = Pread(0, nil, 0)
	_, errs["Pwrite"] = Pwrite(0, nil, 0)
	_, errs["RawPread"] = RawPread(0, nil, 0)
	_, errs["RawPwrite"] = RawPwrite(0, nil, 0)
	_, errs["OpenDirect"] = OpenDirect("x", 0, 0)
	testutil.AssertUnsupported(t, errs)
}
