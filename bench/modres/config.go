package modres

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// family is modres as the harness knows it; TestMain passes it to
// harness.Main.
var family = harness.Family{
	Name:  "modres",
	Units: []string{"maxrss-B/op", "opens/op", "dev-qd-mean", "dev-qd-p99", "other-dev-reads", "run-ns/op", "files/op"},
	Keys:  append([]string{"go-command", keyExtracted, keyInfo}, placementKeys...),
}

// The knobs; see doc.go.
var (
	treesEnv      = family.Knob("TREES")      // preset trees of golist and packages
	buildTreesEnv = family.Knob("BUILDTREES") // preset trees of build and rebuild
	moduleEnv     = family.Knob("MODULE")     // the user's own module, run as tree=own
	cleanEnv      = family.Knob("CLEAN")      // add the cache=clean cells
	tmpfsEnv      = family.Knob("TMPFS")      // where gocache=tmpfs puts GOCACHE
	modulesEnv    = family.Knob("MODULES")    // removed: module counts, before trees had names
	toolsEnv      = family.Knob("TOOLS")      // add the claim tools' cells (claimtools.go)
)

// defaultTmpfs is the tmpfs of gocache=tmpfs when tmpfsEnv is not set.
const defaultTmpfs = "/dev/shm"

// treeOwn is the tree name of the user's own module (moduleEnv).
const treeOwn = "own"

// Default preset trees of the full run and the -short run: of golist and
// packages (trees), and of build and rebuild (build trees). A build cell
// of service first compiles the whole tree once per mode (about 30 s
// each here), which would take the default run past its time budget, so
// the default runs build and rebuild on small; BENCHRIG_MODRES_BUILDTREES
// adds service.
var (
	defaultTrees      = []string{"service"}
	shortTrees        = []string{"small"}
	defaultBuildTrees = []string{"small"}
	shortBuildTrees   = []string{"small"}
)

// config is what the knobs select, read once by the family's Setup.
type config struct {
	Trees   []string   // golist's and packages' tree names in run order: presets, then treeOwn when Module is set
	Builds  []string   // build's and rebuild's tree names, in the same way
	Module  string     // absolute path of the user's module; "" when not set
	Short   bool       // -short: smoke-run sizes and cells
	Clean   bool       // run the cache=clean cells of packages and build too
	Tmpfs   string     // parent of gocache=tmpfs's GOCACHE; "" when unusable
	NoTmpfs string     // why gocache=tmpfs cells skip; "" when Tmpfs is set
	Tools   []string   // claim tools whose every cell runs (BENCHRIG_MODRES_TOOLS)
	Place   placements // where the placed cells keep their caches; zero: no placed cells
	Claims  bool       // a claims run (BENCHRIG_CLAIMS=1, forClaims): one mode's cells first
	// Iteration is harness.Iteration: a claims run takes vendor's cells
	// first in the even processes of a go tool benchrig run.
	Iteration int
}

// readConfig reads the knobs through getenv (os.Getenv outside tests).
func readConfig(getenv func(string) string, short bool) (config, error) {
	if v := getenv(modulesEnv); v != "" {
		return config{}, fmt.Errorf("%s=%s: this knob was removed: trees are named presets now; unset it and set %s=%s (presets: %s)",
			modulesEnv, v, treesEnv, strings.Join(fixtures.PresetNames(), ","), strings.Join(fixtures.PresetNames(), ", "))
	}
	module, err := parseModule(getenv(moduleEnv))
	if err != nil {
		return config{}, err
	}
	trees, err := parseTrees(treesEnv, getenv(treesEnv), pick(short, shortTrees, defaultTrees), module != "")
	if err != nil {
		return config{}, err
	}
	builds, err := parseTrees(buildTreesEnv, getenv(buildTreesEnv), pick(short, shortBuildTrees, defaultBuildTrees), module != "")
	if err != nil {
		return config{}, err
	}
	if module != "" {
		trees = append(trees, treeOwn)
		builds = append(builds, treeOwn)
	}
	c := config{Trees: trees, Builds: builds, Module: module, Short: short}
	if c.Clean, err = parseClean(getenv(cleanEnv)); err != nil {
		return config{}, err
	}
	if c.Tools, err = parseTools(getenv(toolsEnv)); err != nil {
		return config{}, err
	}
	if c.Place, err = readPlacements(getenv, module); err != nil {
		return config{}, err
	}
	c.Tmpfs, c.NoTmpfs, err = checkTmpfs(getenv(tmpfsEnv))
	return c, err
}

// pick returns short's choice: ifShort when short, else ifNot.
func pick(short bool, ifShort, ifNot []string) []string {
	if short {
		return ifShort
	}
	return ifNot
}

// parseTrees returns the preset trees that value, the value of the knob
// named env (BENCHRIG_MODRES_TREES or BENCHRIG_MODRES_BUILDTREES), selects.
// An empty value selects defaults, or none when the user's own module is
// set: then only tree=own runs. A set value wins over -short.
func parseTrees(treesEnv, value string, defaults []string, own bool) ([]string, error) {
	value = strings.TrimSpace(value)
	switch {
	case value == "" && own:
		return nil, nil
	case value == "":
		return slices.Clone(defaults), nil
	}
	names := fixtures.PresetNames()
	var trees []string
	for field := range strings.SplitSeq(value, ",") {
		field = strings.TrimSpace(field)
		switch {
		case field == "":
			return nil, fmt.Errorf("%s=%s: empty tree name; set a comma-separated list of presets such as %s=small,service", treesEnv, value, treesEnv)
		case field == treeOwn:
			return nil, fmt.Errorf("%s=%s: tree %q is the module %s names; set %s=/path/to/module and list only presets (%s) here", treesEnv, value, treeOwn, moduleEnv, moduleEnv, strings.Join(names, ", "))
		case !slices.Contains(names, field):
			return nil, fmt.Errorf("%s=%s: unknown tree %q; set a comma-separated list of presets (%s), e.g. %s=small", treesEnv, value, field, strings.Join(names, ", "), treesEnv)
		case slices.Contains(trees, field):
			return nil, fmt.Errorf("%s=%s: tree %q is listed twice; list each tree once, e.g. %s=%s", treesEnv, value, field, treesEnv, field)
		}
		trees = append(trees, field)
	}
	return trees, nil
}

// parseModule checks the form of BENCHRIG_MODRES_MODULE: unset, or an
// absolute path (go test runs the benchmark in the package directory, so a
// relative path would not mean what the user typed). What the path holds is
// checked when tree=own is first used (checkModule), as a skip.
func parseModule(value string) (string, error) {
	if value == "" {
		return "", nil
	}
	if !filepath.IsAbs(value) {
		return "", fmt.Errorf("%s=%s: not an absolute path; go test runs the benchmark in its package directory, so set %s=$(pwd)/%s or another absolute path", moduleEnv, value, moduleEnv, value)
	}
	return filepath.Clean(value), nil
}

// parseClean reads BENCHRIG_MODRES_CLEAN: unset or a boolean.
func parseClean(value string) (bool, error) {
	if value == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(value)
	if err != nil {
		return false, fmt.Errorf("%s=%s: not a boolean; set %s=1 to add the cache=clean cells, or unset it", cleanEnv, value, cleanEnv)
	}
	return on, nil
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
		return "", "", fmt.Errorf("%s=%s: %s; set it to a writable directory on a tmpfs mount (e.g. /dev/shm) or unset it", tmpfsEnv, value, problem)
	}
	return "", fmt.Sprintf("gocache=tmpfs needs a tmpfs: %s: %s; set %s to a writable directory on tmpfs", dir, problem, tmpfsEnv), nil
}
