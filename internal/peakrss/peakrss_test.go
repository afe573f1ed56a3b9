package peakrss_test

import (
	"errors"
	"os/exec"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/peakrss"
)

func TestOf(t *testing.T) {
	cmd := exec.Command("go", "version")
	if err := cmd.Run(); err != nil {
		t.Skipf("go version: %v; needs the go command on PATH", err)
	}
	n, err := peakrss.Of(cmd.ProcessState)
	if runtime.GOOS != "linux" {
		require.Error(t, err)
		assert.True(t, errors.Is(err, errors.ErrUnsupported))
		return
	}
	require.NoError(t, err)
	assert.Greater(t, n, int64(1<<20), "the go command takes more than 1 MiB")
	_, err = peakrss.Of(nil)
	assert.Error(t, err)
}
