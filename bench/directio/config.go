package directio

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// name is the family's name: the package name, and the FAMILY of its knobs.
const name = "directio"

// knobFileSize is the data file size knob, BENCHRIG_DIRECTIO_FILE_SIZE.
const knobFileSize = "FILE_SIZE"

// deprecatedFileSize is the knob's old name. It still works, with a note,
// and loses to the new name when both are set.
const deprecatedFileSize = "BENCHRIG_DIO_FILE_SIZE"

// knob returns the environment variable of one of the family's knobs.
func knob(k string) string { return harness.Family{Name: name}.Knob(k) }

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

// config is what the knobs select for one run.
type config struct {
	fileSize int64    // size of the shared read data file
	engines  []string // BENCHRIG_DIRECTIO_ENGINE's engines; nil: the default cells
	uringErr error    // why io_uring is unavailable (the setup probe), or nil
}

// writeSize is the size of each write benchmark's own file: a quarter of the
// data file (rounded down to whole MiB, at least 1MiB), so that the data file
// plus one write file stay within the scratch budget (1GiB + 256MiB by
// default).
func (c config) writeSize() int64 {
	return max(c.fileSize/4/sizeQuantum*sizeQuantum, sizeQuantum)
}

// cfg is the run's config, set by setup before any benchmark runs.
var cfg config

// setup is the family's harness.Family.Setup: it reads the knobs once, so a
// malformed knob stops the run (exit 2) before anything is measured.
func setup() ([]harness.Config, error) {
	c, err := loadConfig(os.LookupEnv, testing.Short(), harness.Note)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(matrix(testing.Short(), c.engines), func(c ioCase) bool { return c.engine == uringEngine }) {
		c.uringErr = probeUring()
	}
	cfg = c
	return nil, nil
}

// runConfig returns the run's config; b fails when setup did not run (a
// benchmark of this package called without harness.Main).
func runConfig(b *testing.B) config {
	b.Helper()
	if cfg.fileSize == 0 {
		b.Fatalf("%s: no config: harness.Main did not run the family's Setup; run the benchmarks through this package's TestMain", name)
	}
	return cfg
}

// loadConfig reads BENCHRIG_DIRECTIO_ENGINE and BENCHRIG_DIRECTIO_FILE_SIZE
// (or its deprecated name, saying so through note), looked up with lookup,
// falling back to the default for short or normal runs.
func loadConfig(lookup func(string) (string, bool), short bool, note func(string, ...any)) (config, error) {
	c := config{fileSize: defaultFileSize}
	if short {
		c.fileSize = shortFileSize
	}
	var ev string
	if v, ok := lookup(knob(knobEngine)); ok {
		ev = v
	}
	sel, err := parseEngines(knob(knobEngine), ev)
	if err != nil {
		return c, err
	}
	c.engines = sel
	env := knob(knobFileSize)
	v, ok := lookup(env)
	old, oldOK := lookup(deprecatedFileSize)
	switch {
	case oldOK && old != "" && ok && v != "":
		note("%s=%s is ignored: %s=%s is set and wins; unset %s, the deprecated name", deprecatedFileSize, old, env, v, deprecatedFileSize)
	case oldOK && old != "":
		note("%s is deprecated; set %s=%s instead (it means the same)", deprecatedFileSize, env, old)
		env, v, ok = deprecatedFileSize, old, true
	}
	if !ok || v == "" {
		return c, nil
	}
	n, err := parseFileSize(env, v)
	if err != nil {
		return c, err
	}
	c.fileSize = n
	return c, nil
}

// parseFileSize parses the value v of the file-size knob env.
func parseFileSize(env, v string) (int64, error) {
	n, err := harness.ParseSize(v)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s=%s: %w; set %s=64MiB, or unset it for the default (1GiB, 64MiB with -short)", env, v, err, env)
	case n < minFileSize:
		return 0, fmt.Errorf("%s=%s: the data file must be at least %s; set %s=%s or larger, e.g. %s=64MiB", env, v, harness.FormatSize(minFileSize), env, harness.FormatSize(minFileSize), env)
	case n%sizeQuantum != 0:
		return 0, fmt.Errorf("%s=%s: the data file must be a whole number of MiB (the largest block is 1MiB); set %s=%s (rounded up)", env, v, env, harness.FormatSize(n/sizeQuantum*sizeQuantum+sizeQuantum))
	}
	return n, nil
}
