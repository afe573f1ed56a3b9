package modres

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	modv "golang.org/x/mod/module"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
)

// fakeUser is a user's machine in a temp dir: a home whose default module
// cache ($HOME/go/pkg/mod) has a cache/download dir that is a
// fixtures-generated proxy (the same layout), and a module of the user's
// that needs it, with a stale vendor/, a .git and a nested module the copy
// must leave out.
type fakeUser struct {
	Home, Cache, Module string
	Deps                []string // the module's dependencies, as go.sum sorts them
}

// newFakeUser makes a fakeUser and points this process's environment at
// it: HOME set, and no GOMODCACHE, GOPATH, GOENV, XDG_CONFIG_HOME, GOWORK or
// GOFLAGS, so the user's go env GOMODCACHE resolves to $HOME/go/pkg/mod.
func newFakeUser(t *testing.T) fakeUser {
	t.Helper()
	// The run dir in BENCHRIG_DIR (default: under HOME) exists before
	// HOME moves.
	testGoCache(t)
	root := t.TempDir()
	tree, err := fixtures.Generate(filepath.Join(root, "gen"), tinySpec)
	require.NoError(t, err)
	u := fakeUser{Home: filepath.Join(root, "home"), Module: filepath.Join(root, "work", "svc"), Deps: tree.DepModules}
	u.Cache = filepath.Join(u.Home, "go", "pkg", "mod")
	require.NoError(t, os.MkdirAll(filepath.Join(u.Cache, "cache"), 0o755))
	require.NoError(t, os.Rename(tree.ProxyDir, filepath.Join(u.Cache, "cache", "download")))
	require.NoError(t, os.MkdirAll(filepath.Dir(u.Module), 0o755))
	_, err = copyTree(tree.MainDir, u.Module, nil)
	require.NoError(t, err)
	for name, data := range map[string]string{
		"vendor/modules.txt": "# stale, not what go mod vendor writes\n",
		".git/HEAD":          "ref: refs/heads/main\n",
		"nested/go.mod":      "module example.com/nested\n\ngo 1.22\n",
		"nested/x.go":        "package nested\n",
	} {
		u.write(t, name, data)
	}
	t.Setenv("HOME", u.Home)
	for _, k := range []string{"GOMODCACHE", "GOPATH", "GOENV", "XDG_CONFIG_HOME", "GOWORK", "GOFLAGS"} {
		t.Setenv(k, "")
	}
	return u
}

// write writes a file of the user's module.
func (u fakeUser) write(t *testing.T, name, data string) {
	t.Helper()
	p := filepath.Join(u.Module, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
}

// snapshot lists every file and directory under roots with its mode, size,
// mtime and, for regular files, the sha256 of its content.
func snapshot(t *testing.T, roots ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, root := range roots {
		require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := os.Lstat(p)
			if err != nil {
				return err
			}
			line := fmt.Sprintf("%v %d %d", info.Mode(), info.Size(), info.ModTime().UnixNano())
			if info.Mode().IsRegular() {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				line += fmt.Sprintf(" %x", sha256.Sum256(data))
			}
			out[p] = line
			return nil
		}))
	}
	return out
}

// prepareUser prepares u's module as tree=own in a fresh scratch dir, with
// the shared test GOCACHE.
func prepareUser(t *testing.T, u fakeUser) (*setup, error) {
	t.Helper()
	goPath := testutil.RequireGo(t)
	m, err := checkModule(u.Module, os.Getenv)
	if err != nil {
		return nil, err
	}
	return prepareOwnIn(goPath, harness.Dir(t, m.needBytes()), m, os.Environ(), testGoCache(t))
}

// TestOwnModuleUntouched prepares a user's module as tree=own, runs every
// tool in both modes on it (rebuild's edit and restore included), and proves
// the user's module, module cache and home byte-identical before and after:
// every path with its mode, size, mtime and sha256.
func TestOwnModuleUntouched(t *testing.T) {
	testutil.RequireLinux(t)
	u := newFakeUser(t)
	before := snapshot(t, u.Home, u.Module)

	s, err := prepareUser(t, u)
	require.NoError(t, err)
	assert.Equal(t, "GOPROXY=file://"+filepath.Join(u.Cache, "cache", "download"), envValue(s.Env, "GOPROXY"), "dependencies come from the user's module cache")
	assert.NotEqual(t, "GOMODCACHE="+u.Cache, envValue(s.Env, "GOMODCACHE"), "the module cache the go commands write is private")
	assert.Equal(t, "example.com/benchrig/app/cmd/app", s.MainPkg)
	assert.Equal(t, filepath.Join(s.Tree.MainDir, "p00", "file01.go"), s.Leaf)
	assert.NoDirExists(t, filepath.Join(s.Tree.MainDir, ".git"), "the copy leaves out .git")
	assert.NoDirExists(t, filepath.Join(s.Tree.MainDir, "nested"), "the copy leaves out nested modules")
	assert.NotContains(t, string(readFile(t, filepath.Join(s.Tree.MainDir, "vendor", "modules.txt"))), "stale", "vendor/ is go mod vendor's")
	fi, err := os.Stat(filepath.Join(s.Tree.MainDir, "go.mod"))
	require.NoError(t, err)
	assert.True(t, fi.ModTime().Equal(fixtures.FileTime), "copied files have fixtures.FileTime")

	goPath := testutil.RequireGo(t)
	for _, mode := range modes {
		for _, tl := range resolvers() {
			if tl.Edit != nil {
				require.NoError(t, tl.Edit(s))
			}
			_, err := tl.Run(goPath, s, mode)
			require.NoError(t, err, "tool=%s mode=%s", tl.Name, mode)
		}
	}
	require.NoError(t, restoreLeaf(s))
	assert.Equal(t, before, snapshot(t, u.Home, u.Module), "the user's module, module cache and home are unchanged")
}

// envValue returns the entry of env for the variable key ("key=value").
func envValue(env []string, key string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if k, _, _ := strings.Cut(env[i], "="); k == key {
			return env[i]
		}
	}
	return ""
}

// ownBadCase is one TestOwnBadInput case.
type ownBadCase struct {
	name    string
	breakIt func(t *testing.T, u *fakeUser) // makes u's module bad
	want    func(u fakeUser) string         // the whole skip text, or a part of it
}

var ownBadCases = []ownBadCase{
	{"missing", func(t *testing.T, u *fakeUser) { u.Module += "-missing" },
		func(u fakeUser) string {
			return moduleEnv + "=" + u.Module + ": not a directory (stat " + u.Module + ": no such file or directory); " + fixModuleDir
		}},
	{"file", func(t *testing.T, u *fakeUser) { u.Module = filepath.Join(u.Module, "go.mod") },
		func(u fakeUser) string { return moduleEnv + "=" + u.Module + ": not a directory; " + fixModuleDir }},
	{"no go.mod", func(t *testing.T, u *fakeUser) { require.NoError(t, os.Remove(filepath.Join(u.Module, "go.mod"))) },
		func(u fakeUser) string {
			return moduleEnv + "=" + u.Module + ": no go.mod (open " + u.Module + "/go.mod: no such file or directory); " + fixModuleDir
		}},
	{"no go.sum", func(t *testing.T, u *fakeUser) { require.NoError(t, os.Remove(filepath.Join(u.Module, "go.sum"))) },
		func(u fakeUser) string {
			return moduleEnv + "=" + u.Module + ": no go.sum (stat " + u.Module + "/go.sum: no such file or directory), so the dependencies cannot be verified (or there are none to vendor); run go mod tidy in " + u.Module + " first"
		}},
	{"GOWORK set", func(t *testing.T, u *fakeUser) { t.Setenv("GOWORK", "/src/go.work") },
		func(u fakeUser) string {
			return moduleEnv + "=" + u.Module + ": GOWORK=/src/go.work is set: your go commands resolve through that workspace, not through the module alone; unset GOWORK (or set GOWORK=off) for the run"
		}},
	{"go.work in a parent", func(t *testing.T, u *fakeUser) {
		require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(u.Module), "go.work"), []byte("go 1.22\n\nuse ./svc\n"), 0o644))
	}, func(u fakeUser) string {
		return moduleEnv + "=" + u.Module + ": the module is inside the workspace " + filepath.Join(filepath.Dir(u.Module), "go.work") +
			": your go commands resolve through it, not through the module alone; copy the module out of the workspace and set " + moduleEnv + " to the copy"
	}},
	{"local replace", func(t *testing.T, u *fakeUser) {
		appendFile(t, filepath.Join(u.Module, "go.mod"), "\nreplace "+u.Deps[0]+" => ../dep\n")
	}, func(u fakeUser) string {
		return moduleEnv + "=" + u.Module + ": go.mod replaces modules by local directories, which the copy in scratch cannot use: " + u.Deps[0] + " => ../dep; drop those replace lines (or replace by a version in the module cache) in a copy of the module and point " + moduleEnv + " at the copy"
	}},
	{"dependency not in the module cache", func(t *testing.T, u *fakeUser) {
		esc, err := modv.EscapePath(u.Deps[0])
		require.NoError(t, err)
		require.NoError(t, os.RemoveAll(filepath.Join(u.Cache, "cache", "download", esc)))
	}, func(u fakeUser) string {
		return moduleEnv + "=" + u.Module + ": dependencies not in the module cache (" + u.Cache + "): " + u.Deps[0] + "@v1.0.0; run go mod download in " + u.Module + " (with network access) first"
	}},
	{"does not compile", func(t *testing.T, u *fakeUser) {
		u.write(t, "p00/zz_bad.go", "package p00\n\nvar _ int = \"not an int\"\n")
	},
		func(u fakeUser) string { return moduleEnv + "=" + u.Module + ": does not build: go build -mod=mod" }},
	{"imports a package no module provides", func(t *testing.T, u *fakeUser) {
		u.write(t, "p00/zz_bad.go", "package p00\n\nimport _ \"example.com/nosuch\"\n")
	}, func(u fakeUser) string {
		return moduleEnv + "=" + u.Module + ": does not build: fixtures: go mod vendor in "
	}},
}

// TestOwnBadInput: each kind of module that cannot run as tree=own gives a
// *badModuleError (a skip) that names the variable, the cause and the fix,
// before any op is timed.
func TestOwnBadInput(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tt := range ownBadCases {
		t.Run(tt.name, func(t *testing.T) {
			u := newFakeUser(t)
			tt.breakIt(t, &u)
			before := snapshot(t, u.Home)
			s, err := prepareUser(t, u)
			if err == nil {
				err = s.checkBuilds(testutil.RequireGo(t))
			}
			var bad *badModuleError
			require.ErrorAs(t, err, &bad)
			assert.Contains(t, err.Error(), tt.want(u))
			assert.Contains(t, err.Error(), "; ", "the skip names the fix")
			assert.Equal(t, before, snapshot(t, u.Home), "the module cache is unchanged")
		})
	}
}

// TestOwnWithoutMain: a module without a main package runs as tree=own, with
// no target for build and rebuild (their cells skip).
func TestOwnWithoutMain(t *testing.T) {
	testutil.RequireLinux(t)
	u := newFakeUser(t)
	require.NoError(t, os.RemoveAll(filepath.Join(u.Module, "cmd")))
	s, err := prepareUser(t, u)
	require.NoError(t, err)
	assert.Equal(t, target{}, s.target)
}

// TestOwnScratchInsideModule: a scratch dir inside the module would copy
// itself; it is a skip naming BENCHRIG_DIR.
func TestOwnScratchInsideModule(t *testing.T) {
	u := newFakeUser(t)
	m, err := checkModule(u.Module, os.Getenv)
	require.NoError(t, err)
	_, err = prepareOwn("go", filepath.Join(u.Module, "scratch"), m, "", "")
	var bad *badModuleError
	require.ErrorAs(t, err, &bad)
	assert.Contains(t, err.Error(), "set BENCHRIG_DIR to a directory outside the module")
	assert.NoDirExists(t, filepath.Join(u.Module, "scratch"))
}

func appendFile(t *testing.T, path, data string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(data)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}
