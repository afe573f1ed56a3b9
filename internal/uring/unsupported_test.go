package uring

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestUnsupported checks that off Linux every call returns an error
// wrapping errors.ErrUnsupported (GOOS=js GOARCH=wasm runs it here; see
// internal/platform's TestUnsupported).
func TestUnsupported(t *testing.T) {
	testutil.RequireOtherOS(t)
	errs := map[string]error{}
	errs["Probe"] = Probe()
	_, errs["New"] = New(1, false)
	var r Ring
	errs["RegisterBuffers"] = r.RegisterBuffers(nil)
	errs["Queue"] = r.Queue(Op{})
	errs["Submit"] = r.Submit(1)
	errs["Close"] = r.Close()
	testutil.AssertUnsupported(t, errs)
	_, ok := r.Next()
	assert.False(t, ok)
}
