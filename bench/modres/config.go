package modres

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/harness"
)

// family is modres as the harness knows it; TestMain passes it to
// harness.Main.
var family = harness.Family{
	Name:  "modres",
	Units: []string{"maxrss-B/op", "opens/op"},
	Keys:  []string{"go-command"},
}

// modulesEnv overrides the module counts; see doc.go.
var modulesEnv = family.Knob("MODULES")

// tmpfsEnv is where gocache=tmpfs puts GOCACHE; see doc.go.
var tmpfsEnv = family.Knob("TMPFS")

// defaultTmpfs is the tmpfs of gocache=tmpfs when tmpfsEnv is not set.
const defaultTmpfs = "/dev/shm"

// Default module counts: the full run and the -short run.
var (
	defaultModules = []int{10, 100}
	shortModules   = []int{10}
)

// maxModules bounds BENCHRIG_MODRES_MODULES: larger trees take minutes per
// op and more disk than a scratch dir should hold.
const maxModules = 10000

// config is what the knobs select, read once by the family's Setup.
type config struct {
	Modules []int  // module counts, in run order
	Short   bool   // -short: smoke-run sizes and cells
	Tmpfs   string // parent of gocache=tmpfs's GOCACHE; "" when unusable
	NoTmpfs string // why gocache=tmpfs cells skip; "" when Tmpfs is set
}

// readConfig reads the knobs through getenv (os.Getenv outside tests).
func readConfig(getenv func(string) string, short bool) (config, error) {
	counts, err := parseModules(getenv(modulesEnv), short)
	if err != nil {
		return config{}, err
	}
	c := config{Modules: counts, Short: short}
	c.Tmpfs, c.NoTmpfs, err = checkTmpfs(getenv(tmpfsEnv))
	return c, err
}

// checkTmpfs checks the tmpfs dir for gocache=tmpfs. A set value that is not
// a writable directory on tmpfs is an error; the default that is missing or
// not tmpfs only makes the tmpfs cells skip, with the reason.
func checkTmpfs(value string) (dir, skip string, err error) {
	dir = value
	if dir == "" {
		dir = defaultTmpfs
	}
	problem := ""
	if fi, err := os.Stat(dir); err != nil {
		problem = fmt.Sprintf("%v", err)
	} else if !fi.IsDir() {
		problem = "not a directory"
	} else if fs := harness.FSType(dir); fs != "tmpfs" {
		problem = fmt.Sprintf("filesystem is %s, not tmpfs", fs)
	} else if f, err := os.CreateTemp(dir, ".benchrig-probe-"); err != nil {
		problem = fmt.Sprintf("not writable: %v", err)
	} else {
		f.Close()
		os.Remove(f.Name())
		return dir, "", nil
	}
	if value != "" {
		return "", "", fmt.Errorf("%s=%q: %s; set it to a writable directory on a tmpfs mount (e.g. /dev/shm) or unset it", tmpfsEnv, value, problem)
	}
	return "", fmt.Sprintf("gocache=tmpfs needs a tmpfs: %s: %s; set %s to a writable directory on tmpfs", dir, problem, tmpfsEnv), nil
}

// parseModules returns the module counts selected by value, the content of
// BENCHRIG_MODRES_MODULES. An empty value selects the defaults (10 only when
// short). A set value wins over -short.
func parseModules(value string, short bool) ([]int, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		if short {
			return slices.Clone(shortModules), nil
		}
		return slices.Clone(defaultModules), nil
	}
	var counts []int
	for field := range strings.SplitSeq(value, ",") {
		field = strings.TrimSpace(field)
		n, err := strconv.Atoi(field)
		switch {
		case field == "":
			return nil, fmt.Errorf("%s=%q: empty module count; use a comma-separated list of positive integers such as \"10,100\"", modulesEnv, value)
		case err != nil:
			return nil, fmt.Errorf("%s=%q: module count %q is not an integer; use a comma-separated list of positive integers such as \"10,100\"", modulesEnv, value, field)
		case n < 1 || n > maxModules:
			return nil, fmt.Errorf("%s=%q: module count %d is out of range; each count must be in 1..%d", modulesEnv, value, n, maxModules)
		case slices.Contains(counts, n):
			return nil, fmt.Errorf("%s=%q: module count %d is listed twice; list each count once", modulesEnv, value, n)
		}
		counts = append(counts, n)
	}
	return counts, nil
}
