package affinity

import (
	"errors"
	"fmt"
	"runtime"
)

// ErrUnsupported is returned (wrapped) on operating systems where this
// package cannot read or set CPU affinity. It wraps [errors.ErrUnsupported].
var ErrUnsupported = fmt.Errorf("affinity: CPU affinity is not supported on %s: %w", runtime.GOOS, errors.ErrUnsupported)
