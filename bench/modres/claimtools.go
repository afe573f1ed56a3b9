package modres

import (
	"fmt"
	"slices"
	"strings"
)

// The claim tools: hello (C1), test (C2's go test half) and download (C4).
// Only hello's warm cell is in the default run; BENCHRIG_MODRES_TOOLS adds
// every cell of the tools it names (KnobCaches), and claimToolCells gives
// them all, for a run that checks the claims.

// Names of the claim tools, in run order: the values BENCHRIG_MODRES_TOOLS
// accepts.
const (
	toolHello    = "hello"
	toolTest     = "test"
	toolDownload = "download"
)

var claimTools = []string{toolHello, toolTest, toolDownload}

// treeHello is the tree name of hello's one-file module: no preset, no
// dependencies.
const treeHello = "hello"

// parseTools reads BENCHRIG_MODRES_TOOLS: unset, or a comma-separated list
// of claim tools, each listed once.
func parseTools(value string) ([]string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil, nil
	}
	valid := strings.Join(claimTools, ",")
	var out []string
	for field := range strings.SplitSeq(value, ",") {
		field = strings.TrimSpace(field)
		switch {
		case !slices.Contains(claimTools, field):
			return nil, fmt.Errorf("%s=%s: unknown tool %q; set a comma-separated list of %s, e.g. %s=%s", toolsEnv, value, field, valid, toolsEnv, valid)
		case slices.Contains(out, field):
			return nil, fmt.Errorf("%s=%s: tool %q is listed twice; list each tool once, e.g. %s=%s", toolsEnv, value, field, toolsEnv, valid)
		}
		out = append(out, field)
	}
	return out, nil
}

// withClaimTools returns c with every claim tool's cells selected, as
// BENCHRIG_MODRES_TOOLS=hello,test,download does.
func withClaimTools(c config) config {
	c.Tools = slices.Clone(claimTools)
	return c
}

// claimToolCells returns every cell of the claim tools under c (with the
// knob set to all of them; BENCHRIG_MODRES_CLEAN still adds test's clean
// cell), in run order: the cells a run that checks claims C1, C2 and C4
// needs from these tools.
func claimToolCells(c config) []benchCase {
	var out []benchCase
	for _, bc := range matrix(withClaimTools(c)) {
		if slices.Contains(claimTools, bc.Tool.Name) {
			out = append(out, bc)
		}
	}
	return out
}

// testTrees and downloadTrees are the trees of test and download: test
// needs a main module with tests (service's main module has them: its
// Spec.Tests applies to the main module); download a real build list.
func testTrees(config) []string { return []string{"service"} }

func downloadTrees(c config) []string {
	if c.Short {
		return []string{"small"}
	}
	return []string{"service"}
}

func helloTrees(config) []string { return []string{treeHello} }

// extras are the metrics a tool's Post measures after one op: a value by
// unit, and why a unit it did not measure is missing.
type extras struct {
	Values  map[string]float64
	Missing map[string]string
}
