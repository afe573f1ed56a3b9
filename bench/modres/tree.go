package modres

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/child"
)

// specFor is the tree BenchmarkResolve generates for n dependency modules.
// doc.go documents these values; keep the two in step.
func specFor(n int) fixtures.Spec {
	const packagesPerModule = 2
	return fixtures.Spec{
		Seed:              1,
		Modules:           n,
		Depth:             min(4, n),
		PackagesPerModule: packagesPerModule,
		FilesPerPackage:   4,
		BytesPerFile:      2048,
		ImportsPerPackage: min(3, n*packagesPerModule), // a package cannot import more than exist
	}
}

// needBytes is the free space a tree for spec needs: the proxy zips, the
// module cache (zips and extracted files), vendor/, the main module and a
// GOCACHE holding the compiled packages (the standard library included).
func needBytes(s fixtures.Spec) int64 {
	src := int64(s.Modules) * int64(s.PackagesPerModule) * int64(s.FilesPerPackage) * int64(s.BytesPerFile+512)
	return 10*src + 512<<20
}

// setup is one generated tree, ready for every tool in both modes: its module
// cache is filled and vendor/ exists.
type setup struct {
	Tree     *fixtures.Tree
	Root     string   // the scratch dir holding everything below
	ModCache string   // private GOMODCACHE
	GoCache  string   // private GOCACHE
	Env      []string // Tree.GoEnv(ModCache, GoCache): HOME, TMPDIR, GOTMPDIR under Root
	BinDir   string   // where build and rebuild write the binary

	OnTmpfs bool // GoCache is on tmpfs (gocache=tmpfs): cold cannot evict it

	leafOrig []byte // the leaf file as generated, while rebuild edits it
	tmpfs    *setup // the same tree with GOCACHE on tmpfs, once made
}

// prepare generates the tree for spec under dir/tree, fills a private module
// cache with `go mod download`, writes vendor/ with `go mod vendor` and pins
// the times of every file to fixtures.FileTime. Both caches, the go
// command's HOME and its temporary dirs live under dir.
func prepare(goPath, dir string, spec fixtures.Spec) (*setup, error) {
	return prepareCache(goPath, dir, spec, filepath.Join(dir, "gocache"))
}

// prepareCache is prepare with the GOCACHE at goCache (tests share one, so
// the runtime is compiled once per test binary).
func prepareCache(goPath, dir string, spec fixtures.Spec, goCache string) (*setup, error) {
	tree, err := fixtures.Generate(filepath.Join(dir, "tree"), spec)
	if err != nil {
		return nil, fmt.Errorf("generate module tree in %s: %w", dir, err)
	}
	s := &setup{
		Tree:     tree,
		Root:     dir,
		ModCache: filepath.Join(dir, "gomodcache"),
		GoCache:  goCache,
		BinDir:   filepath.Join(dir, "bin"),
	}
	for _, d := range []string{s.ModCache, s.GoCache, s.BinDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", d, err)
		}
	}
	if s.Env, err = tree.GoEnv(s.ModCache, s.GoCache); err != nil {
		return nil, err
	}
	cmd := child.Command(goPath, "mod", "download")
	cmd.Dir = tree.MainDir
	cmd.Env = s.Env
	if out, err := combinedOutput(cmd); err != nil {
		return nil, fmt.Errorf("go mod download in %s: %w\n%s", tree.MainDir, err, out)
	}
	if err := tree.Vendor(s.Env); err != nil {
		return nil, fmt.Errorf("go mod vendor in %s: %w", tree.MainDir, err)
	}
	// What go mod download extracted and go mod vendor copied is as old as
	// the generated files, so every directory can be indexed at once.
	for _, d := range []string{s.ModCache, tree.MainDir} {
		if err := fixtures.PinTimes(d); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// cleanGoCache empties the GOCACHE (the module index included).
func (s *setup) cleanGoCache() error {
	if err := harness.RemoveAll(s.GoCache); err != nil {
		return fmt.Errorf("empty GOCACHE %s: %w", s.GoCache, err)
	}
	if err := os.MkdirAll(s.GoCache, 0o755); err != nil {
		return fmt.Errorf("recreate GOCACHE %s: %w", s.GoCache, err)
	}
	return nil
}

// goPaths are what cold evicts and warm proves resident: every tree the go
// command may read, in both modes (MainDir holds vendor/), and GOCACHE
// unless it is on tmpfs, whose pages cannot be evicted.
func (s *setup) goPaths() []string {
	if s.OnTmpfs {
		return []string{s.ModCache, s.Tree.MainDir}
	}
	return []string{s.ModCache, s.Tree.MainDir, s.GoCache}
}

// withTmpfsCache returns s with its GOCACHE in a new dir under tmpfs (made
// once per tree and reused); the dir is for the caller to remove.
func (s *setup) withTmpfsCache(tmpfs string) (*setup, error) {
	if s.tmpfs != nil {
		return s.tmpfs, nil
	}
	dir, err := os.MkdirTemp(tmpfs, "benchrig-modres-gocache-")
	if err != nil {
		return nil, fmt.Errorf("gocache=tmpfs: %w; set %s to a writable tmpfs dir", err, tmpfsEnv)
	}
	t := *s
	t.GoCache, t.OnTmpfs, t.leafOrig = dir, true, nil
	t.Env = slices.Clone(s.Env)
	for i, kv := range t.Env {
		if strings.HasPrefix(kv, "GOCACHE=") {
			t.Env[i] = "GOCACHE=" + dir
		}
	}
	s.tmpfs = &t
	return &t, nil
}
