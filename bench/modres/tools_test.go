package modres

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestPresetsAreValid(t *testing.T) {
	for _, name := range fixtures.PresetNames() {
		t.Run("tree="+name, func(t *testing.T) {
			s, err := fixtures.Preset(name)
			require.NoError(t, err)
			assert.NoError(t, s.Validate())
			assert.Positive(t, needBytes(s))
		})
	}
	_, err := fixtures.Preset(treeOwn)
	assert.Error(t, err, "own is not a preset")
}

func TestWithGoFlag(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want []string
	}{
		{"appends to GOFLAGS", []string{"A=1", "GOFLAGS=-modcacherw"}, []string{"A=1", "GOFLAGS=-modcacherw -mod=vendor"}},
		{"empty GOFLAGS", []string{"GOFLAGS="}, []string{"GOFLAGS=-mod=vendor"}},
		{"no GOFLAGS", []string{"A=1"}, []string{"A=1", "GOFLAGS=-mod=vendor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := slices.Clone(tt.env)
			assert.Equal(t, tt.want, withGoFlag(tt.env, "-mod=vendor"))
			assert.Equal(t, orig, tt.env, "the input is not modified")
		})
	}
}

// tinySpec is a tree small enough to generate, download and vendor in a
// second or two.
var tinySpec = fixtures.Spec{
	Seed:              7,
	Modules:           3,
	Depth:             2,
	PackagesPerModule: 2,
	FilesPerPackage:   2,
	BytesPerFile:      256,
	ImportsPerPackage: 2,
}

// testCache is one GOCACHE shared by the tests of this process, so the
// runtime (which building the main package needs) is compiled once.
var testCache struct {
	once sync.Once
	dir  string
}

// testGoCache returns the GOCACHE the tests of this process share.
func testGoCache(t *testing.T) string {
	t.Helper()
	testCache.once.Do(func() {
		testCache.dir = harness.Shared(t, "modres-test-gocache", 512<<20)
	})
	return testCache.dir
}

// prepareTiny prepares a tiny tree in dir with the shared test GOCACHE.
func prepareTiny(t *testing.T, dir string) (*setup, error) {
	t.Helper()
	return prepareCache(dir, tinySpec, testGoCache(t))
}

var tiny struct {
	once sync.Once
	s    *setup
	err  error
}

// tinySetup returns one tiny tree shared by the tests of this process, in a
// scratch dir that harness.Main removes at exit.
func tinySetup(t *testing.T) *setup {
	t.Helper()
	testutil.RequireGo(t)
	tiny.once.Do(func() {
		dir := harness.Shared(t, "modres-test-tiny", needBytes(tinySpec))
		tiny.s, tiny.err = prepareTiny(t, dir)
	})
	require.NoError(t, tiny.err)
	return tiny.s
}

// TestTools runs every tool in both modes on a tiny tree and checks what each
// mode resolved from where.
func TestTools(t *testing.T) {
	s := tinySetup(t)
	goMod := readFile(t, filepath.Join(s.Tree.MainDir, "go.mod"))
	goSum := readFile(t, filepath.Join(s.Tree.MainDir, "go.sum"))
	vendorDir := filepath.Join(s.Tree.MainDir, "vendor") + string(filepath.Separator)
	modCache := s.ModCache + string(filepath.Separator)

	counts := map[string]int{}
	for _, mode := range modes {
		for _, tl := range resolvers() {
			t.Run("tool="+tl.Name+"/mode="+mode, func(t *testing.T) {
				r, err := tl.Run(testutil.RequireGo(t), s, mode)
				require.NoError(t, err)
				if r.NoRSS == "" {
					assert.Greater(t, r.MaxRSS, int64(1<<20), "peak RSS of the go command")
				} else {
					assert.Zero(t, r.MaxRSS)
				}
				if tl.Name == "build" || tl.Name == "rebuild" {
					assert.Nil(t, r.Packages)
					assert.FileExists(t, filepath.Join(s.BinDir, "app"), "the main package is linked")
				} else {
					require.NotEmpty(t, r.Packages)
					counts[tl.Name+"/"+mode] = len(nonStd(r.Packages))
					// Dependency packages come from vendor/ in vendor
					// mode and from the module cache in mod mode.
					var fromVendor, fromCache int
					for _, p := range r.Packages {
						fromVendor += boolInt(strings.HasPrefix(p.Dir, vendorDir))
						fromCache += boolInt(strings.HasPrefix(p.Dir, modCache))
					}
					if mode == modeVendor {
						assert.Positive(t, fromVendor, "vendor mode loads dependencies from vendor/")
						assert.Zero(t, fromCache, "vendor mode never reads the module cache")
					} else {
						assert.Positive(t, fromCache, "mod mode loads dependencies from the module cache")
						assert.Zero(t, fromVendor, "mod mode ignores vendor/")
					}
				}
			})
		}
	}
	assert.Equal(t, counts["golist/mod"], counts["packages/mod"], "golist and packages load the same packages")
	assert.Equal(t, counts["golist/vendor"], counts["packages/vendor"], "golist and packages load the same packages")
	assert.Equal(t, counts["golist/mod"], counts["golist/vendor"], "both modes resolve the same package graph")
	assert.Equal(t, goMod, readFile(t, filepath.Join(s.Tree.MainDir, "go.mod")), "-mod=mod left go.mod as generated")
	assert.Equal(t, goSum, readFile(t, filepath.Join(s.Tree.MainDir, "go.sum")), "-mod=mod left go.sum as generated")
}

// TestPackagesSameAsGoList checks that go/packages and go list agree on the
// package set, not only its size.
func TestPackagesSameAsGoList(t *testing.T) {
	s := tinySetup(t)
	for _, mode := range modes {
		t.Run("mode="+mode, func(t *testing.T) {
			l, err := runGoList(testutil.RequireGo(t), s, mode)
			require.NoError(t, err)
			p, err := runPackages("", s, mode)
			require.NoError(t, err)
			// go list -deps also lists the runtime packages a main package
			// depends on implicitly; go/packages lists what is imported.
			assert.ElementsMatch(t, importPaths(nonStd(l.Packages)), importPaths(nonStd(p.Packages)))
		})
	}
}

// TestPackagesModeFlag checks that each of the two ways packagesConfig
// passes -mod selects the mode on its own, so doc.go's claim holds.
func TestPackagesModeFlag(t *testing.T) {
	s := tinySetup(t)
	vendorDir := filepath.Join(s.Tree.MainDir, "vendor") + string(filepath.Separator)
	tests := []struct {
		name  string
		strip func(cfg *packages.Config)
	}{
		{"both", func(*packages.Config) {}},
		{"BuildFlags only", func(cfg *packages.Config) { cfg.Env = s.Env }},
		{"GOFLAGS only", func(cfg *packages.Config) { cfg.BuildFlags = nil }},
	}
	for _, tt := range tests {
		for _, mode := range modes {
			t.Run(tt.name+"/mode="+mode, func(t *testing.T) {
				cfg := packagesConfig(s, mode)
				tt.strip(cfg)
				r, err := loadPackages(cfg, mode)
				require.NoError(t, err)
				var fromVendor int
				for _, p := range r.Packages {
					fromVendor += boolInt(strings.HasPrefix(p.Dir, vendorDir))
				}
				if mode == modeVendor {
					assert.Positive(t, fromVendor, "-mod=vendor took effect")
				} else {
					assert.Zero(t, fromVendor, "-mod=mod took effect although vendor/ exists")
				}
			})
		}
	}
}

// TestIsolation sets GOPROXY=off and GOFLAGS=-mod=vendor in this process's
// environment, which would break the download and flip the mode if they
// leaked into the go commands, and builds and resolves a fresh tree anyway.
func TestIsolation(t *testing.T) {
	goPath := testutil.RequireGo(t)
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=vendor")
	s, err := prepareTiny(t, t.TempDir())
	require.NoError(t, err, "setup must not see the parent's GOPROXY=off")
	for _, e := range s.Env {
		assert.NotEqual(t, "GOPROXY=off", e)
		if v, ok := strings.CutPrefix(e, "GOFLAGS="); ok {
			assert.NotContains(t, v, "-mod=vendor", "inherited GOFLAGS are dropped")
		}
	}
	for _, mode := range modes {
		for _, tl := range resolvers() {
			t.Run("tool="+tl.Name+"/mode="+mode, func(t *testing.T) {
				r, err := tl.Run(goPath, s, mode)
				require.NoError(t, err)
				if mode == modeMod && r.Packages != nil {
					vendorDir := filepath.Join(s.Tree.MainDir, "vendor") + string(filepath.Separator)
					for _, p := range r.Packages {
						assert.False(t, strings.HasPrefix(p.Dir, vendorDir), "%s loaded from vendor/ in mod mode", p.ImportPath)
					}
				}
			})
		}
	}
}

// TestColdEvicts checks the cold prep of BenchmarkResolve: after it, no page
// of the module cache, the main module (vendor/ included) or GOCACHE is
// resident, and one go list brings module cache pages back.
func TestColdEvicts(t *testing.T) {
	goPath := testutil.RequireGo(t)
	testutil.RequireLinux(t)
	dir := harness.Dir(t, needBytes(tinySpec))
	harness.RequireDisk(t, dir)
	s, err := prepare(dir, tinySpec)
	require.NoError(t, err)
	_, err = runGoList(goPath, s, modeMod) // fills GOCACHE, as the benchmark's priming op
	require.NoError(t, err)

	paths := []string{s.ModCache, s.Tree.MainDir, s.GoCache}
	harness.Cold(t, paths...)
	for _, p := range paths {
		r, err := harness.Resident(p)
		require.NoError(t, err)
		assert.Positive(t, r.Pages, "%s has pages to evict", p)
		assert.Zero(t, r.Resident, "%s: %d of %d pages still resident after cold", p, r.Resident, r.Pages)
	}

	_, err = runGoList(goPath, s, modeMod)
	require.NoError(t, err)
	r, err := harness.Resident(s.ModCache)
	require.NoError(t, err)
	assert.Positive(t, r.Resident, "go list -mod=mod reads the module cache, so cold has something to measure")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

func importPaths(pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.ImportPath)
	}
	return out
}

// nonStd drops standard-library packages (no dot in the first path
// element).
func nonStd(pkgs []pkg) []pkg {
	var out []pkg
	for _, p := range pkgs {
		first, _, _ := strings.Cut(p.ImportPath, "/")
		if strings.Contains(first, ".") {
			out = append(out, p)
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
