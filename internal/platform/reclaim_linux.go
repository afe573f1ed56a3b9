package platform

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ProactiveReclaim says whether the kernel pages out memory on its own
// schedule, without memory pressure, which makes a warm page cache decay:
// "damon-pageout" when a running DAMON kdamond has a pageout scheme,
// "damon-reclaim" when the damon_reclaim module is enabled, "none" when
// neither is configured. It returns an error when sysfs cannot be read
// (the DAMON admin files are root-only).
func ProactiveReclaim() (string, error) { return proactiveReclaim("/") }

func proactiveReclaim(root string) (string, error) {
	if s, err := readTrim(filepath.Join(root, "sys/module/damon_reclaim/parameters/enabled")); err == nil && (s == "Y" || s == "1") {
		return "damon-reclaim", nil
	}
	kd := filepath.Join(root, "sys/kernel/mm/damon/admin/kdamonds")
	entries, err := os.ReadDir(kd)
	if errors.Is(err, fs.ErrNotExist) {
		return "none", nil
	}
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue // nr_kdamonds
		}
		state, err := readTrim(filepath.Join(kd, e.Name(), "state"))
		if err != nil {
			return "", err
		}
		if state != "on" {
			continue
		}
		actions, err := filepath.Glob(filepath.Join(kd, e.Name(), "contexts", "*", "schemes", "*", "action"))
		if err != nil {
			return "", err
		}
		for _, a := range actions {
			act, err := readTrim(a)
			if err != nil {
				return "", err
			}
			if act == "pageout" {
				return "damon-pageout", nil
			}
		}
	}
	return "none", nil
}
