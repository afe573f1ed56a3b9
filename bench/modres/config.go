package modres

import (
	"fmt"
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
	Modules []int // module counts, in run order
	Short   bool  // -short: smoke-run sizes and cells
}

// readConfig reads the knobs through getenv (os.Getenv outside tests).
func readConfig(getenv func(string) string, short bool) (config, error) {
	counts, err := parseModules(getenv(modulesEnv), short)
	if err != nil {
		return config{}, err
	}
	return config{Modules: counts, Short: short}, nil
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
