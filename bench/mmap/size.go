package mmap

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// envSize names the knob that overrides the data file size.
const envSize = "BENCHRIG_MMAP_SIZE"

const (
	defaultSize int64 = 64 << 20 // without -short
	shortSize   int64 = 16 << 20 // with -short
)

// iecUnits are the suffixes parseSize accepts and formatSize writes, largest
// first.
var iecUnits = []struct {
	suffix string
	bytes  int64
}{
	{"TiB", 1 << 40},
	{"GiB", 1 << 30},
	{"MiB", 1 << 20},
	{"KiB", 1 << 10},
}

// parseSize parses a size in bytes ("1048576") or as an integer with an IEC
// suffix ("64MiB", "1GiB"; B, KiB, MiB, GiB and TiB). The size must be > 0.
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSuffix(s, "B"), int64(1)
	for _, u := range iecUnits {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return 0, fmt.Errorf("size %q is too large", s)
		}
		return 0, fmt.Errorf("size %q: want bytes or an integer with KiB, MiB, GiB or TiB", s)
	}
	if n <= 0 {
		return 0, fmt.Errorf("size %q: want > 0", s)
	}
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * mult, nil
}

// formatSize writes n with the largest IEC suffix that divides it exactly
// ("64MiB"), or as "<n>B".
func formatSize(n int64) string {
	for _, u := range iecUnits {
		if n >= u.bytes && n%u.bytes == 0 {
			return strconv.FormatInt(n/u.bytes, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

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
	n, err := parseSize(v)
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
