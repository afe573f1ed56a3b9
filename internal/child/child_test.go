package child_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/child"
)

func TestStartError(t *testing.T) {
	err := child.Run(child.Command("/nonexistent/benchrig-no-such-binary"))
	require.Error(t, err)
	assert.Equal(t, 0, child.Live())
}
