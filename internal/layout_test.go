package internal_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pkg is what go list -json says of a package, as far as this test reads.
type pkg struct {
	ImportPath                         string
	Imports, TestImports, XTestImports []string
	Deps                               []string
}

func list(t *testing.T, pattern string) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", pattern).Output()
	require.NoError(t, err, "go list %s", pattern)
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		pkgs = append(pkgs, p)
	}
	require.NotEmpty(t, pkgs)
	return pkgs
}

// TestLayout keeps the module's floors apart: no package under internal/
// imports harness/ (in its code or its tests), and harness/ links none of
// the tooling (the gate, the A/B runner, the report, gonum).
func TestLayout(t *testing.T) {
	const mod = "github.com/benchrig/benchrig/"
	for _, p := range list(t, "../internal/...") {
		for _, imp := range append(append(p.Imports, p.TestImports...), p.XTestImports...) {
			assert.False(t, imp == mod+"harness" || strings.HasPrefix(imp, mod+"harness/"), "%s imports %s", p.ImportPath, imp)
		}
	}
	for _, p := range list(t, "../harness/...") {
		require.NotEmpty(t, p.Deps, p.ImportPath)
		for _, d := range p.Deps {
			for _, tool := range []string{mod + "internal/gate", mod + "internal/abrun", mod + "internal/report", "gonum.org/"} {
				assert.False(t, strings.HasPrefix(d, tool), "%s links %s", p.ImportPath, d)
			}
		}
	}
}
