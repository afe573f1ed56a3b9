package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/benchrig/benchrig/internal/platform"
)

// defaultDir returns <os.UserCacheDir()>/benchrig.
func defaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("%s is unset and the user cache dir is unknown (%w); set %s to a directory on the disk to measure", envDir, err, envDir)
	}
	return filepath.Join(c, "benchrig"), nil
}

// benchDir returns the scratch parent: BENCHRIG_DIR, which must be an
// existing, writable directory given as an absolute path, or the default
// <os.UserCacheDir()>/benchrig, which is created when create is set.
func benchDir(create bool) (string, error) {
	v, set := os.LookupEnv(envDir)
	if !set || v == "" {
		d, err := defaultDir()
		if err != nil {
			return "", err
		}
		if create {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", fmt.Errorf("create default scratch dir: %w; set %s to a writable directory on the disk to measure", err, envDir)
			}
		}
		if err := checkWritable(d, "the default scratch dir "+d, "set "+envDir+" to a writable directory on the disk to measure"); err != nil && create {
			return "", err
		}
		return d, nil
	}
	if !filepath.IsAbs(v) {
		return "", fmt.Errorf("%s=%q is a relative path, and go test runs each package in its own directory; set %s to an absolute path, e.g. %s=$PWD/%s", envDir, v, envDir, envDir, v)
	}
	fi, err := os.Stat(v)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s=%s does not exist; create it (mkdir -p %s) or unset %s to use the default <user cache dir>/benchrig", envDir, v, v, envDir)
	case err != nil:
		return "", fmt.Errorf("%s=%s: %w; point %s at a writable directory on the disk to measure", envDir, v, err, envDir)
	case !fi.IsDir():
		return "", fmt.Errorf("%s=%s is not a directory (%s); point %s at a directory on the disk to measure", envDir, v, fi.Mode().Type(), envDir)
	}
	if err := checkWritable(v, envDir+"="+v, "fix its permissions (chmod u+w) or point "+envDir+" at a writable directory"); err != nil {
		return "", err
	}
	return v, nil
}

func checkWritable(dir, what, fix string) error {
	err := platform.Writable(dir)
	if err == nil || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return fmt.Errorf("%s is not writable: %w; %s", what, err, fix)
}
