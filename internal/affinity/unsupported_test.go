package affinity_test

import (
	"errors"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/affinity"
)

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	if runtime.GOOS == "linux" {
		t.Skip("Linux has the real implementation; this checks the other-OS stubs")
	}
	errs := map[string]error{}
	_, errs["Allowed"] = affinity.Allowed()
	_, errs["Pin"] = affinity.Pin(0)
	for name, err := range errs {
		assert.ErrorIs(t, err, errors.ErrUnsupported, name)
	}
}
