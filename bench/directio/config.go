package directio

import (
	"fmt"
	"os"

	"github.com/benchrig/benchrig/harness"
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
	n, err := harness.ParseSize(v)
	if err != nil {
		return c, fmt.Errorf("%s=%q: %w", EnvFileSize, v, err)
	}
	switch {
	case n < minFileSize:
		return c, fmt.Errorf("%s=%q: the data file must be at least %s; use e.g. 64MiB or 1GiB", EnvFileSize, v, harness.FormatSize(minFileSize))
	case n%sizeQuantum != 0:
		return c, fmt.Errorf("%s=%q: the data file must be a whole number of MiB (the largest block is 1MiB); use e.g. %s", EnvFileSize, v, harness.FormatSize(n/sizeQuantum*sizeQuantum+sizeQuantum))
	}
	c.fileSize = n
	return c, nil
}
