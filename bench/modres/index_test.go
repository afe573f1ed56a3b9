package modres

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestModuleIndexAnswers shows which index each mode answers from after
// warm-up. The package clause of one package is rewritten in place (same
// size, times pinned back to fixtures.FileTime): a go list that reads the
// sources sees the new name, one that answers from an index sees the old.
// GODEBUG=goindex=0 turns the index off and always sees the edit.
//
//   - mod mode, dependency packages: from the module index of the module
//     cache (keyed by module version: the files are never looked at again).
//   - mod mode, the main module's packages: from the per-package index
//     (keyed by file names, sizes and times, which did not change).
//   - vendor mode, every package (vendor/ and the main module's own): from
//     the sources, on every go command; vendor mode uses no index.
func TestModuleIndexAnswers(t *testing.T) {
	goPath := testutil.RequireGo(t)
	s, err := prepareTiny(t, t.TempDir())
	require.NoError(t, err)
	const dep, app = "example.com/benchrig/dep000/p00", "example.com/benchrig/app/p00"
	for _, tc := range []struct {
		name       string
		mode       string
		importPath string
		dir        string
		fromIndex  bool
	}{
		{"dependency/mode=mod", modeMod, dep, filepath.Join(s.ModCache, "example.com", "benchrig", "dep000@v1.0.0", "p00"), true},
		{"dependency/mode=vendor", modeVendor, dep, filepath.Join(s.Tree.MainDir, "vendor", "example.com", "benchrig", "dep000", "p00"), false},
		{"main module/mode=mod", modeMod, app, filepath.Join(s.Tree.MainDir, "p00"), true},
		{"main module/mode=vendor", modeVendor, app, filepath.Join(s.Tree.MainDir, "p00"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, "p00", listName(t, goPath, s, tc.mode, tc.importPath), "before the edit")
			assert.Equal(t, "p00", listName(t, goPath, s, tc.mode, tc.importPath), "warm-up: the index is written")
			renamePackage(t, tc.dir, "p00", "zzz")
			t.Cleanup(func() { renamePackage(t, tc.dir, "zzz", "p00") })
			want := map[bool]string{true: "p00", false: "zzz"}[tc.fromIndex]
			assert.Equal(t, want, listName(t, goPath, s, tc.mode, tc.importPath), "after the edit (p00: from the index; zzz: from the sources)")
			assert.Equal(t, "zzz", listName(t, goPath, s, tc.mode, tc.importPath, "GODEBUG=goindex=0"), "after the edit, index off: from the sources")
		})
	}
}

// listName returns the package name go list reports for importPath.
func listName(t *testing.T, goPath string, s *setup, mode, importPath string, extraEnv ...string) string {
	t.Helper()
	cmd := child.Command(goPath, "list", "-mod="+mode, "-deps", "-f", "{{.ImportPath}} {{.Name}}", "./...")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = append(append([]string(nil), s.Env...), extraEnv...)
	out, err := combinedOutput(cmd)
	require.NoError(t, err, "%s", out)
	for line := range strings.SplitSeq(string(out), "\n") {
		if name, ok := strings.CutPrefix(line, importPath+" "); ok {
			return name
		}
	}
	t.Fatalf("go list -mod=%s did not list %s:\n%s", mode, importPath, out)
	return ""
}

// renamePackage rewrites the package clause of every .go file in dir from
// old to new (same length, so sizes stay) and pins the times back.
func renamePackage(t *testing.T, dir, old, new string) {
	t.Helper()
	require.Equal(t, len(old), len(new))
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		nb := bytes.Replace(b, []byte("\npackage "+old+"\n"), []byte("\npackage "+new+"\n"), 1)
		require.NotEqual(t, b, nb, "%s has no package clause %s", f, old)
		require.NoError(t, os.Chmod(f, 0o644))
		require.NoError(t, os.WriteFile(f, nb, 0o644))
	}
	require.NoError(t, fixtures.PinTimes(dir))
}
