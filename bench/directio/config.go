package directio

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// EnvFileSize names the environment variable that overrides the data file
// size.
const EnvFileSize = "BENCHRIG_DIO_FILE_SIZE"

const (
	kib = 1 << 10
	mib = 1 << 20
	gib = 1 << 30

	defaultFileSize = 1 * gib
	shortFileSize   = 64 * mib
	minFileSize     = 4 * mib
	// sizeQuantum is the largest block size the benchmarks use: the data
	// file must hold a whole number of blocks of every size.
	sizeQuantum = 1 * mib
)

// config is what the environment selects for one run.
type config struct {
	fileSize int64 // size of the shared read data file
}

// writeSize is the size of each write benchmark's own file: a quarter of the
// data file (rounded down to whole MiB, at least 1MiB), so that the data file
// plus one write file stay within the scratch budget (1GiB + 256MiB by
// default).
func (c config) writeSize() int64 {
	return max(c.fileSize/4/sizeQuantum*sizeQuantum, sizeQuantum)
}

// loadConfig reads BENCHRIG_DIO_FILE_SIZE, falling back to the default for
// short or normal runs.
func loadConfig(short bool) (config, error) {
	c := config{fileSize: defaultFileSize}
	if short {
		c.fileSize = shortFileSize
	}
	v, ok := os.LookupEnv(EnvFileSize)
	if !ok || v == "" {
		return c, nil
	}
	n, err := parseSize(v)
	if err != nil {
		return c, fmt.Errorf("%s=%q: %w", EnvFileSize, v, err)
	}
	switch {
	case n < minFileSize:
		return c, fmt.Errorf("%s=%q: the data file must be at least %s; use e.g. 64MiB or 1GiB", EnvFileSize, v, formatSize(minFileSize))
	case n%sizeQuantum != 0:
		return c, fmt.Errorf("%s=%q: the data file must be a whole number of MiB (the largest block is 1MiB); use e.g. %s", EnvFileSize, v, formatSize(n/sizeQuantum*sizeQuantum+sizeQuantum))
	}
	c.fileSize = n
	return c, nil
}

var iecUnits = []struct {
	suffix string
	mult   int64
}{
	// Longest suffixes first so "KiB" is not read as "B".
	{"TiB", 1 << 40}, {"GiB", gib}, {"MiB", mib}, {"KiB", kib}, {"B", 1}, {"", 1},
}

// parseSize parses a byte count with an optional IEC suffix: "4096", "512B",
// "64KiB", "1MiB", "1GiB", "2TiB". SI or bare-letter suffixes ("1GB", "1G")
// are rejected: benchrig names sizes in IEC units only.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	for _, u := range iecUnits {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		if num == "" || strings.ContainsAny(num, "+- _") {
			break
		}
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return 0, fmt.Errorf("size %q is too large", s)
			}
			break
		}
		if n <= 0 {
			return 0, fmt.Errorf("size %q must be positive", s)
		}
		if n > (1<<63-1)/u.mult {
			return 0, fmt.Errorf("size %q is too large", s)
		}
		return n * u.mult, nil
	}
	return 0, fmt.Errorf("cannot parse size %q: want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB", s)
}

// formatSize formats n with the largest IEC suffix that divides it exactly:
// 4096 is "4KiB", 1<<20 is "1MiB", 1000 is "1000B".
func formatSize(n int64) string {
	for _, u := range iecUnits[:4] {
		if n != 0 && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
