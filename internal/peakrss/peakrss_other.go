//go:build !linux

package peakrss

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// Of is unsupported here: ru_maxrss units and semantics are Linux's.
func Of(*os.ProcessState) (int64, error) {
	return 0, fmt.Errorf("peakrss: peak RSS of a child on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}

// Floor is unsupported here: Of reports no peak RSS to compare with it.
func Floor() (int64, error) {
	return 0, fmt.Errorf("peakrss: peak RSS of this process on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
