package modres

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// The trees BenchmarkResolve runs on: each prepared once per run in the
// shared scratch dir, and its GOCACHE on tmpfs for the gocache=tmpfs cells.

// onTmpfs are the trees that have a GOCACHE on tmpfs in this run, removed
// when BenchmarkResolve ends.
var onTmpfs struct {
	sync.Mutex
	trees []*setup
}

// tmpfsSetup returns s with GOCACHE on cfg.Tmpfs, freshly seeded from the
// disk GOCACHE, or skips b with the reason.
func tmpfsSetup(b *testing.B, s *setup) *setup {
	b.Helper()
	if cfg.Tmpfs == "" {
		harness.Skipf(b, "%s", cfg.NoTmpfs)
	}
	onTmpfs.Lock()
	defer onTmpfs.Unlock()
	if s.tmpfs == nil {
		onTmpfs.trees = append(onTmpfs.trees, s)
	}
	t, err := s.withTmpfsCache(cfg.Tmpfs)
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// placedSetup returns s with its caches where cfg.Place puts them
// (setup.placedCopy), made once per tree, or skips b when a placement's
// filesystem lacks the room for its copy.
func placedSetup(b *testing.B, s *setup) *setup {
	b.Helper()
	onTmpfs.Lock()
	defer onTmpfs.Unlock()
	if s.placed != nil {
		return s.placed
	}
	for _, c := range []struct {
		pl   place
		from string
		knob string
	}{{cfg.Place.ModCache, s.ModCache, modCacheEnv}, {cfg.Place.GoCache, s.GoCache, goCacheEnv}} {
		if c.pl.Dir == "" {
			continue
		}
		n, err := treeBytes(c.from, nil)
		if err != nil {
			b.Fatal(err)
		}
		harness.RequireFree(b, c.pl.Dir, n+n/8, c.knob)
	}
	stop := harness.Progress("modres: copying tree=" + filepath.Base(s.Root) + "'s caches to their placements")
	p, err := s.placedCopy(cfg.Place)
	stop()
	if err != nil {
		b.Fatal(err)
	}
	s.placed = p
	return p
}

// removeTmpfsDirs removes the GOCACHE dirs made on tmpfs.
func removeTmpfsDirs() {
	onTmpfs.Lock()
	defer onTmpfs.Unlock()
	for _, s := range onTmpfs.trees {
		if s.tmpfs == nil {
			continue
		}
		if err := harness.RemoveAll(s.tmpfs.GoCache); err != nil {
			harness.Note("gocache=tmpfs: %v", err)
		}
		s.tmpfs = nil
	}
	onTmpfs.trees = nil
}

// trees holds the trees prepared in this run, by name: each is prepared
// once and reused by every sub-benchmark.
var trees struct {
	sync.Mutex
	byName map[string]*treeOnce
}

type treeOnce struct {
	s   *setup
	err error
}

// sharedSetup returns the tree name, preparing it (untimed) on first use in
// the shared scratch dir "modres-<name>". A user's module that cannot run
// skips b (and every later cell of tree=own) with the reason.
func sharedSetup(b *testing.B, goPath, name string) *setup {
	b.Helper()
	trees.Lock()
	defer trees.Unlock()
	t, ok := trees.byName[name]
	if !ok {
		t = new(treeOnce)
		t.s, t.err = prepareTree(b, goPath, name)
		if trees.byName == nil {
			trees.byName = make(map[string]*treeOnce)
		}
		trees.byName[name] = t
	}
	var bad *badModuleError
	if errors.As(t.err, &bad) {
		harness.Skipf(b, "%v", bad)
	}
	if t.err != nil {
		b.Fatalf("tree=%s: %v", name, t.err)
	}
	return t.s
}

// prepareTree prepares the preset tree name, or the user's module for
// treeOwn, in the shared scratch dir "modres-<name>".
func prepareTree(b *testing.B, goPath, name string) (*setup, error) {
	defer harness.Progress("modres: preparing tree=" + name)()
	if name == treeHello {
		return prepareHello(harness.Shared(b, "modres-"+name, helloBytes))
	}
	if name == treeOwn {
		m, err := checkModule(cfg.Module, os.Getenv)
		if err != nil {
			return nil, err
		}
		dir := harness.Shared(b, "modres-"+name, m.needBytes())
		s, err := prepareOwnIn(goPath, dir, m, os.Environ(), filepath.Join(dir, "gocache"))
		if err != nil {
			// Free the space now: every tree=own cell skips or fails
			// with err.
			err = errors.Join(err, harness.RemoveAll(dir))
		}
		return s, err
	}
	spec, err := fixtures.Preset(name)
	if err != nil {
		return nil, err
	}
	return prepare(harness.Shared(b, "modres-"+name, needBytes(spec)), spec)
}
