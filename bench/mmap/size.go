package mmap

import (
	"fmt"
	"math"

	"github.com/benchrig/benchrig/harness"
)

// envSize names the knob that overrides the data file size.
const envSize = "BENCHRIG_MMAP_SIZE"

const (
	defaultSize int64 = 64 << 20 // without -short
	shortSize   int64 = 16 << 20 // with -short
)

// dataSize returns the data file size: BENCHRIG_MMAP_SIZE when set
// (looked up with getenv), else shortSize with -short, else defaultSize. The
// size must be a whole number of pages, and fit in an int (a mapping's
// length).
func dataSize(getenv func(string) string, short bool, pageSize int) (int64, error) {
	v := getenv(envSize)
	if v == "" {
		if short {
			return shortSize, nil
		}
		return defaultSize, nil
	}
	n, err := harness.ParseSize(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%s: %w; e.g. %s=64MiB", envSize, v, err, envSize)
	}
	if n%int64(pageSize) != 0 {
		return 0, fmt.Errorf("%s=%s: %d bytes is not a whole number of %d-byte pages; e.g. %s=64MiB", envSize, v, n, pageSize, envSize)
	}
	if n > math.MaxInt {
		return 0, fmt.Errorf("%s=%s: larger than one mapping can be on this platform; e.g. %s=64MiB", envSize, v, envSize)
	}
	return n, nil
}
