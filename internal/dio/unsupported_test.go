package dio

import (
	"errors"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	if runtime.GOOS == "linux" {
		t.Skip("Linux has the real implementation; this checks the other-OS stubs")
	}
	errs := map[string]error{}
	_, errs["StatAlign"] = StatAlign("x")
	_, errs["Pread"] = Pread(0, nil, 0)
	_, errs["Pwrite"] = Pwrite(0, nil, 0)
	_, errs["OpenDirect"] = OpenDirect("x", 0, 0)
	for name, err := range errs {
		assert.ErrorIs(t, err, errors.ErrUnsupported, name)
	}
}
