package modres

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// needBytes is the free space a tree for spec needs: the proxy zips, the
// module cache (zips and extracted files) and vendor/ came to about 2.5×
// the source Generate writes, plus a GOCACHE holding the compiled packages
// (the standard library included).
func needBytes(s fixtures.Spec) int64 {
	_, src, err := s.SourceSize()
	if err != nil {
		src = int64(s.Modules) * int64(s.PackagesPerModule) * int64(s.FilesPerPackage) * int64(s.BytesPerFile+512)
	}
	return 3*src + 1<<30
}

// setup is one tree, ready for every tool in both modes: its module cache
// is filled and vendor/ exists.
type setup struct {
	Tree     *fixtures.Tree
	Root     string   // the scratch dir holding everything below
	ModCache string   // private GOMODCACHE
	GoCache  string   // private GOCACHE
	Env      []string // Tree.GoEnv(ModCache, GoCache): HOME, TMPDIR, GOTMPDIR under Root
	BinDir   string   // where build and rebuild write the binary
	target            // what build links and rebuild edits (findTarget)

	OnTmpfs    bool // GoCache is on tmpfs (gocache=tmpfs): cold cannot evict it
	ModOnTmpfs bool // ModCache is on tmpfs (a placed cell): cold cannot evict it

	own    *ownModule  // tree=own's module; nil for a preset
	builds *buildCheck // tree=own: the build check, run by the first cell that links

	leafOrig []byte // the leaf file as it was, while rebuild edits it
	tmpfs    *setup // the same tree with GOCACHE on tmpfs, once made
	placed   *setup // the same tree with its caches placed (placedCopy), once made
}

// prepare generates the tree for spec under dir/tree and readies it
// (setup.fill). Both caches, the go command's HOME and its temporary dirs
// live under dir.
func prepare(dir string, spec fixtures.Spec) (*setup, error) {
	return prepareCache(dir, spec, filepath.Join(dir, "gocache"))
}

// prepareCache is prepare with the GOCACHE at goCache (tests share one, so
// the runtime is compiled once per test binary).
func prepareCache(dir string, spec fixtures.Spec, goCache string) (*setup, error) {
	tree, err := fixtures.Generate(filepath.Join(dir, "tree"), spec)
	if err != nil {
		return nil, fmt.Errorf("generate module tree in %s: %w", dir, err)
	}
	s, err := newSetup(tree, dir, goCache)
	if err != nil {
		return nil, err
	}
	return s, s.fill()
}

// newSetup returns the setup of tree with its scratch in dir: the private
// module cache, the bin dir and GOCACHE (at goCache) exist, and Env is
// tree.GoEnv of the caches.
func newSetup(tree *fixtures.Tree, dir, goCache string) (*setup, error) {
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
	var err error
	if s.Env, err = tree.GoEnv(s.ModCache, s.GoCache); err != nil {
		return nil, err
	}
	return s, nil
}

// fill readies the tree: go mod download (GOFLAGS=-mod=mod, so a go.mod
// that needs updating is updated in scratch) fills the private module cache
// from the tree's file proxy, the real go mod vendor writes vendor/, every
// file gets fixtures.FileTime, and findTarget picks what build links and
// rebuild edits. A failed go command is a *fixtures.GoError.
func (s *setup) fill() error {
	if _, err := s.Tree.Go(withGoFlag(s.Env, "-mod=mod"), "mod", "download"); err != nil {
		return err
	}
	if err := s.Tree.Vendor(s.Env); err != nil {
		return err
	}
	// What go mod download extracted and go mod vendor copied is as old as
	// the tree's files, so every directory can be indexed at once.
	for _, d := range []string{s.ModCache, s.Tree.MainDir} {
		if err := fixtures.PinTimes(d); err != nil {
			return err
		}
	}
	var err error
	s.target, err = findTarget(s.Tree, s.Env)
	return err
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
// command may read, in both modes (MainDir holds vendor/), and the module
// cache and GOCACHE unless on tmpfs, whose pages cannot be evicted.
func (s *setup) goPaths() []string {
	paths := []string{s.Tree.MainDir}
	if !s.ModOnTmpfs {
		paths = append(paths, s.ModCache)
	}
	if !s.OnTmpfs {
		paths = append(paths, s.GoCache)
	}
	return paths
}

// withTmpfsCache returns s with its GOCACHE in a new dir under tmpfs (in
// this run's locked dir there, which a later run sweeps if this one dies),
// seeded with a copy of s's GOCACHE as it is now: the results a priming op
// would compile, without compiling them again. Each call replaces the dir
// of the call before (so a cell sees what the disk cells before it
// compiled); the last one is for the caller to remove.
func (s *setup) withTmpfsCache(tmpfs string) (*setup, error) {
	if s.tmpfs != nil {
		if err := harness.RemoveAll(s.tmpfs.GoCache); err != nil {
			return nil, fmt.Errorf("gocache=tmpfs: %w", err)
		}
		s.tmpfs = nil
	}
	run, err := harness.RunDirIn(tmpfs)
	if err != nil {
		return nil, fmt.Errorf("gocache=tmpfs: %w; set %s to a writable tmpfs dir", err, tmpfsEnv)
	}
	dir, err := os.MkdirTemp(run, "gocache-")
	if err != nil {
		return nil, fmt.Errorf("gocache=tmpfs: %w; set %s to a writable tmpfs dir", err, tmpfsEnv)
	}
	if _, err := copyTree(s.GoCache, dir, nil); err != nil {
		return nil, errors.Join(fmt.Errorf("gocache=tmpfs: seed %s from %s: %w", dir, s.GoCache, err), harness.RemoveAll(dir))
	}
	t := *s
	t.GoCache, t.OnTmpfs, t.leafOrig, t.tmpfs = dir, true, nil, nil
	t.Env = slices.Clone(s.Env)
	for i, kv := range t.Env {
		if strings.HasPrefix(kv, "GOCACHE=") {
			t.Env[i] = "GOCACHE=" + dir
		}
	}
	s.tmpfs = &t
	return &t, nil
}
