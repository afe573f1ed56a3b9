package modres

import (
	"slices"

	"github.com/benchrig/benchrig/harness"
)

// forClaims returns c as a claims run (BENCHRIG_CLAIMS=1) needs it: builds
// on the service preset (and the user's module when set), the clean cells
// and every claim tool, and, unless a placement knob is set, both caches
// of the placed twins on the tmpfs of gocache=tmpfs (claim C11: both caches
// on tmpfs). Which of the cells then run is the claims' choice
// (harness.ClaimCell): matrix lists them all.
func (c config) forClaims() config {
	if c.Module == "" || c.Short {
		c.Builds = []string{"service"}
		c.Trees = []string{"service"}
		if c.Module != "" {
			c.Builds = append(c.Builds, treeOwn)
			c.Trees = append(c.Trees, treeOwn)
		}
	}
	c.Short = false
	c.Clean = true
	c.Claims = true
	c.Iteration = harness.Iteration()
	c = withClaimTools(c)
	if !c.Place.any() && c.Tmpfs != "" {
		tmpfs := place{Dir: c.Tmpfs, FS: "tmpfs", Device: "none"}
		c.Place = placements{ModCache: tmpfs, GoCache: tmpfs}
	}
	c.Builds = slices.Compact(c.Builds)
	return c
}
