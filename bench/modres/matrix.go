package modres

import (
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
	Modules int
	Cache   string
	GoCache string // "" for tools without the gocache axis
}

// Name is the sub-benchmark name below BenchmarkResolve.
func (c benchCase) Name() string {
	name := fmt.Sprintf("tool=%s/mode=%s/modules=%d/cache=%s", c.Tool.Name, c.Mode, c.Modules, c.Cache)
	if c.GoCache != "" {
		name += "/gocache=" + c.GoCache
	}
	return name
}

// matrix is every case of cfg, in run order: tool, mode, tree size, cache.
func matrix(cfg config) []benchCase {
	var cases []benchCase
	for _, t := range tools {
		for _, mode := range modes {
			for _, n := range cfg.Modules {
				for _, cache := range caches {
					if !t.runsIn(cache, cfg.Short) {
						continue
					}
					if !t.GoCaches {
						cases = append(cases, benchCase{t, mode, n, cache, ""})
						continue
					}
					for _, gc := range gocaches {
						// -short: the tmpfs GOCACHE would need its own
						// full compile of the runtime to prime.
						if !cfg.Short || gc == gocacheDisk {
							cases = append(cases, benchCase{t, mode, n, cache, gc})
						}
					}
				}
			}
		}
	}
	return cases
}

// runsIn reports whether t has a cell in cache state cache.
func (t tool) runsIn(cache string, short bool) bool {
	allowed := t.Caches
	if short && t.ShortCaches != nil {
		allowed = t.ShortCaches
	}
	return allowed == nil || slices.Contains(allowed, cache)
}
