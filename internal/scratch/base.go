package scratch

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultBase returns <os.UserCacheDir()>/benchrig.
func DefaultBase() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("%s is unset and the user cache dir is unknown (%w); set %s to a directory on the disk to measure", envDir, err, envDir)
	}
	return filepath.Join(c, "benchrig"), nil
}

// EnvDir names the variable that sets the scratch parent.
const EnvDir = "BENCHRIG_DIR"

const envDir = EnvDir

// Base returns the scratch parent: BENCHRIG_DIR, which must be an
// existing, writable directory given as an absolute path, or the default
// <os.UserCacheDir()>/benchrig, which is created when create is set. An
// error states what BENCHRIG_DIR (or the default) is and a fix that works
// for that state (see [dirCheck]).
func Base(create bool) (string, error) {
	return BaseFrom(os.Getenv(envDir), create)
}

// BaseFrom is Base for the value v of BENCHRIG_DIR ("" when unset).
func BaseFrom(v string, create bool) (string, error) {
	if v == "" {
		return defaultBenchDir(create)
	}
	if !filepath.IsAbs(v) {
		return "", fmt.Errorf("%s=%q is a relative path, and go test runs each package in its own directory; set %s to an absolute path, e.g. %s=$PWD/%s (mkdir -p %s first if it does not exist)", envDir, v, envDir, envDir, v, v)
	}
	alt := "point " + envDir + " at a writable directory on the disk to measure"
	if d, err := DefaultBase(); err == nil {
		alt = "unset " + envDir + " to use the default " + d
	}
	if err := (dirCheck{envDir + "=" + v, v, alt}).problem(); err != nil {
		return "", err
	}
	return v, nil
}

// defaultBenchDir returns the default scratch parent, created (when create
// is set) and checked like BENCHRIG_DIR.
func defaultBenchDir(create bool) (string, error) {
	d, err := DefaultBase()
	if err != nil {
		return "", err
	}
	if !create {
		return d, nil
	}
	c := dirCheck{"the default scratch dir " + d + " (" + envDir + " is unset)", d, "set " + envDir + " to a writable directory on the disk to measure"}
	if err := os.MkdirAll(d, 0o755); err != nil {
		if perr := c.problem(); perr != nil {
			return "", perr
		}
		return "", fmt.Errorf("%s cannot be created: %w; %s", c.what, err, c.alt)
	}
	if err := c.problem(); err != nil {
		return "", err
	}
	return d, nil
}
