//go:build !linux

package dio

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUnsupported(t *testing.T) {
	_, err := StatAlign("x")
	assert.ErrorIs(t, err, errors.ErrUnsupported)
	_, err = Pread(0, nil, 0)
	assert.ErrorIs(t, err, errors.ErrUnsupported)
	_, err = Pwrite(0, nil, 0)
	assert.ErrorIs(t, err, errors.ErrUnsupported)
}
