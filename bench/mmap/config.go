package mmap

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// name is the family's name: the package name, and the FAMILY of its knobs.
const name = "mmap"

// knobSize is the data file size knob, BENCHRIG_MMAP_SIZE.
const knobSize = "SIZE"

// knob returns the environment variable of one of the family's knobs.
func knob(k string) string { return harness.Family{Name: name}.Knob(k) }

const (
	defaultSize int64 = 64 << 20 // without -short
	shortSize   int64 = 16 << 20 // with -short
)

// config is what the knobs select for one run.
type config struct {
	size int64 // the data file and mapping size
}

// cfg is the run's config, set by setup before any benchmark runs.
var cfg config

// setup is the family's harness.Family.Setup: it reads the knobs once, so a
// malformed knob stops the run (exit 2) before anything is measured, and
// returns the family's config lines.
func setup() ([]harness.Config, error) {
	c, err := loadConfig(os.LookupEnv, testing.Short(), os.Getpagesize())
	if err != nil {
		return nil, err
	}
	cfg = c
	return []harness.Config{{Key: "pagesize", Value: strconv.Itoa(os.Getpagesize())}}, nil
}

// runConfig returns the run's config; b fails when setup did not run (a
// benchmark of this package called without harness.Main).
func runConfig(b *testing.B) config {
	b.Helper()
	if cfg.size == 0 {
		b.Fatalf("%s: no config: harness.Main did not run the family's Setup; run the benchmarks through this package's TestMain", name)
	}
	return cfg
}

// loadConfig reads BENCHRIG_MMAP_SIZE (looked up with lookup): when set, the
// data file size, which must be a whole number of pages and fit in an int
// (a mapping's length); else shortSize with -short, else defaultSize.
func loadConfig(lookup func(string) (string, bool), short bool, pageSize int) (config, error) {
	c := config{size: defaultSize}
	if short {
		c.size = shortSize
	}
	env := knob(knobSize)
	v, ok := lookup(env)
	if !ok || v == "" {
		return c, nil
	}
	fix := fmt.Sprintf("set %s=64MiB, or unset it for the default (%s, %s with -short)", env, harness.FormatSize(defaultSize), harness.FormatSize(shortSize))
	n, err := harness.ParseSize(v)
	if err != nil {
		return c, fmt.Errorf("%s=%s: %w; %s", env, v, err, fix)
	}
	if p := int64(pageSize); n%p != 0 {
		return c, fmt.Errorf("%s=%s: %d bytes is not a whole number of %d-byte pages; set %s=%s (rounded up to a page)", env, v, n, p, env, harness.FormatSize((n/p+1)*p))
	}
	if n > math.MaxInt {
		return c, fmt.Errorf("%s=%s: larger than one mapping can be on this platform; %s", env, v, fix)
	}
	c.size = n
	return c, nil
}
