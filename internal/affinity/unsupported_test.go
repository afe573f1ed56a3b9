package affinity_test

import (
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"

	"github.com/benchrig/benchrig/internal/affinity"
)

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	testutil.RequireOtherOS(t)
	errs := map[string]error{}
	_, errs["Allowed"] = affinity.Allowed()
	_, errs["Pin"] = affinity.Pin(0)
	testutil.AssertUnsupported(t, errs)
}
