package modres

import (
	"cmp"
	"fmt"
	"slices"
)

// Modes: the value of the go command's -mod flag.
const (
	modeMod    = "mod"
	modeVendor = "vendor"
)

// GOCACHE placements (build and rebuild only); see doc.go.
const (
	gocacheDisk  = "disk"
	gocacheTmpfs = "tmpfs"
)

var gocaches = []string{gocacheDisk, gocacheTmpfs}

// Cache states; see doc.go.
const (
	cacheWarm  = "warm"
	cacheCold  = "cold"
	cacheClean = "clean"
)

var (
	modes = []string{modeMod, modeVendor}
	// caches is in run order: clean leaves a full GOCACHE behind, so the
	// untimed priming op of warm (and of cold after it) is a cache hit
	// instead of a second full compile of the tree. The order changes no
	// number, only the run time.
	caches = []string{cacheClean, cacheWarm, cacheCold}
)

// benchCase is one sub-benchmark of BenchmarkResolve.
type benchCase struct {
	Tool    tool
	Mode    string
	Tree    string // a preset name or treeOwn
	Cache   string
	GoCache string // "" for tools without the gocache axis and unplaced
	// ModCache is "" for a cell that keeps both caches in the tree's
	// scratch dir. A placed cell (BENCHRIG_MODRES_MODCACHE or _GOCACHE
	// set) has its own caches where the knobs put them; ModCache and
	// GoCache are then placement values: the filesystem type, or "disk"
	// for a cache the knobs leave in scratch.
	ModCache string
}

// Name is the sub-benchmark name below BenchmarkResolve.
func (c benchCase) Name() string {
	name := fmt.Sprintf("tool=%s/mode=%s/tree=%s/cache=%s", c.Tool.Name, c.Mode, c.Tree, c.Cache)
	if c.GoCache != "" {
		name += "/gocache=" + c.GoCache
	}
	if c.ModCache != "" {
		name += "/modcache=" + c.ModCache
	}
	return name
}

// placed returns c's twin in the placed caches of cfg, or false when cfg
// places nothing or c's GOCACHE is already elsewhere (gocache=tmpfs).
func (c benchCase) placed(cfg config) (benchCase, bool) {
	if !cfg.Place.any() || (c.GoCache != "" && c.GoCache != gocacheDisk) {
		return benchCase{}, false
	}
	c.GoCache, c.ModCache = cfg.Place.GoCache.value(), cfg.Place.ModCache.value()
	return c, true
}

// matrix is every case of cfg, in run order: tool, mode, tree, cache,
// gocache, each cell followed by its placed twin when the placement knobs
// are set. doc.go lists the cells of each run; keep the two in step.
func matrix(cfg config) []benchCase {
	var cases []benchCase
	for _, t := range tools {
		for _, mode := range t.modes() {
			for _, tree := range cfg.treesOf(t) {
				for _, cache := range t.cacheStates(cfg) {
					gcs := []string{""}
					if t.GoCaches {
						gcs = gocachesFor(t, cache, cfg.Short)
					}
					for _, gc := range gcs {
						c := benchCase{Tool: t, Mode: mode, Tree: tree, Cache: cache, GoCache: gc}
						cases = append(cases, c)
						if p, ok := c.placed(cfg); ok {
							cases = append(cases, p)
						}
					}
				}
			}
		}
	}
	if cfg.Claims {
		// One mode's cells all before the other's: a vendor clean build
		// empties GOCACHE and fills it with vendor-mode packages, which
		// the mod-mode claim tools after it (test) would compile again
		// in every sample. Mod first, except in the even processes of a
		// go tool benchrig run (cfg.Iteration), which take vendor
		// first, so a machine whose speed drifts during the run moves
		// both modes alike.
		order := modes
		if cfg.Iteration%2 == 0 && cfg.Iteration > 0 {
			order = []string{modeVendor, modeMod}
		}
		slices.SortStableFunc(cases, func(a, b benchCase) int {
			return cmp.Compare(slices.Index(order, a.Mode), slices.Index(order, b.Mode))
		})
	}
	return cases
}

// treesOf returns the trees t runs on: the build trees for the tools that
// link (build, rebuild), the trees for the others.
func (c config) treesOf(t tool) []string {
	if t.TreesOf != nil {
		return t.TreesOf(c)
	}
	if t.Links {
		return c.Builds
	}
	return c.Trees
}

// cacheStates returns the cache states t runs in under cfg, in the order of
// caches: its Caches, or its ShortCaches under -short, plus clean when
// BENCHRIG_MODRES_CLEAN asks for it and t has a clean state.
func (t tool) cacheStates(cfg config) []string {
	allowed := t.Caches
	if cfg.Short {
		allowed = t.ShortCaches
	}
	if slices.Contains(cfg.Tools, t.Name) {
		allowed = t.KnobCaches
	}
	var states []string
	for _, c := range caches {
		if slices.Contains(allowed, c) || (c == cacheClean && cfg.Clean && t.Cleans && len(allowed) > 0) {
			states = append(states, c)
		}
	}
	return states
}

// gocachesFor returns the GOCACHE placements of tool t in cache state
// cache: always disk; tmpfs too where the op writes to GOCACHE (rebuild
// warm, build clean), not for build warm (a no-op build writes nothing
// and reads GOCACHE from the page cache either way), not for cold (GOCACHE
// on tmpfs cannot be evicted, so it differs from warm only by the
// sources) and not under -short.
func gocachesFor(t tool, cache string, short bool) []string {
	if short || cache == cacheCold || (t.Edit == nil && cache == cacheWarm) {
		return []string{gocacheDisk}
	}
	return gocaches
}
