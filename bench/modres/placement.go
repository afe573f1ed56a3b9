package modres

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/platform"
)

// The placement knobs put the private module cache and GOCACHE of the
// placed cells on another filesystem; see doc_run.go.
var (
	modCacheEnv = family.Knob("MODCACHE") // where placed cells keep the module cache
	goCacheEnv  = family.Knob("GOCACHE")  // where placed cells keep GOCACHE
)

// placeScratch is the value of the modcache= and gocache= keys for a cache
// in the tree's scratch dir (BENCHRIG_DIR), where every other cell keeps it.
const placeScratch = "disk"

// place is where the placed cells keep one cache: a directory the user
// named, its filesystem and the block device under it.
type place struct {
	Dir    string // the knob's directory; the run makes its own locked dir in it
	FS     string // filesystem type ("tmpfs", "ext4", …): the key's value
	Device string // block device name, "none" for a memory filesystem, or "unknown"
}

// placements are the two placement knobs as read: a zero place is one the
// user did not set (that cache stays in scratch in placed cells too).
type placements struct {
	ModCache, GoCache place
}

// any reports whether a placement knob is set, so the placed cells run.
func (p placements) any() bool { return p.ModCache.Dir != "" || p.GoCache.Dir != "" }

// value is the key value of a cache kept at pl: its filesystem type, or
// "disk" when it stays in scratch.
func (pl place) value() string {
	if pl.Dir == "" {
		return placeScratch
	}
	return pl.FS
}

// config is the file-level config lines of the placements: modcache-fs,
// modcache-device, gocache-fs and gocache-device, the filesystem type and
// block device of each placed cache; "none" for a knob not set (no cache
// placed there).
func (p placements) config() []harness.Config {
	var out []harness.Config
	for _, c := range []struct {
		name string
		pl   place
	}{{"modcache", p.ModCache}, {"gocache", p.GoCache}} {
		fs, dev := "none", "none"
		if c.pl.Dir != "" {
			fs, dev = c.pl.FS, c.pl.Device
		}
		out = append(out, harness.Config{Key: c.name + "-fs", Value: fs}, harness.Config{Key: c.name + "-device", Value: dev})
	}
	return out
}

// placementKeys are the config keys placements.config may print, for the
// family's Keys (unset after its results).
var placementKeys = []string{"modcache-fs", "modcache-device", "gocache-fs", "gocache-device"}

// readPlacements reads the placement knobs through getenv. A set value must
// be an absolute, existing, writable directory outside module (the user's
// module under test, "" when none); anything else is a configuration error
// naming the variable and the fix.
func readPlacements(getenv func(string) string, module string) (placements, error) {
	var p placements
	var err error
	if p.ModCache, err = readPlace(modCacheEnv, getenv(modCacheEnv), module); err != nil {
		return placements{}, err
	}
	if p.GoCache, err = readPlace(goCacheEnv, getenv(goCacheEnv), module); err != nil {
		return placements{}, err
	}
	return p, nil
}

// readPlace checks one placement knob's value.
func readPlace(env, value, module string) (place, error) {
	if value == "" {
		return place{}, nil
	}
	fix := fmt.Sprintf("set %s to an absolute path of a writable directory on the filesystem to measure (e.g. %s=/dev/shm for tmpfs, or a directory on another disk), or unset it", env, env)
	if !filepath.IsAbs(value) {
		return place{}, fmt.Errorf("%s=%s: not an absolute path; %s", env, value, fix)
	}
	dir := filepath.Clean(value)
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return place{}, fmt.Errorf("%s=%s: %w; %s", env, value, err, fix)
	case !fi.IsDir():
		return place{}, fmt.Errorf("%s=%s: not a directory; %s", env, value, fix)
	case module != "" && within(module, dir):
		return place{}, fmt.Errorf("%s=%s: inside the module under test (%s=%s), which benchrig only reads; %s", env, value, moduleEnv, module, fix)
	}
	f, err := os.CreateTemp(dir, ".benchrig-probe-")
	if err != nil {
		return place{}, fmt.Errorf("%s=%s: not writable: %w; %s", env, value, err, fix)
	}
	f.Close()
	os.Remove(f.Name())
	return place{Dir: dir, FS: harness.FSType(dir), Device: deviceOf(dir)}, nil
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// deviceOf names the block device under dir: "none" on a memory
// filesystem (tmpfs, ramfs), "unknown" when it cannot be found.
func deviceOf(dir string) string {
	if fs := harness.FSType(dir); fs == "tmpfs" || fs == "ramfs" {
		return "none"
	}
	if b, err := platform.BlockDevice(dir); err == nil {
		return b.Name
	}
	return "unknown"
}

// placedCopy returns a setup of s's tree whose module cache and GOCACHE
// are where p puts them: a copy of s's module cache (times pinned as
// setup.fill pins them) in a new dir of this run's locked dir under
// p.ModCache.Dir, or in s.Root when that knob is unset, and a copy of s's
// GOCACHE likewise under p.GoCache.Dir or in s.Root. The placed cells
// never share a cache with the others: a clean cell empties its own. The
// run's dirs elsewhere are removed when the run ends (harness.RunDirIn).
func (s *setup) placedCopy(p placements) (*setup, error) {
	name := filepath.Base(s.Root)
	modCache, err := placedDir(p.ModCache, s.Root, "gomodcache-"+name)
	if err != nil {
		return nil, err
	}
	if _, err := copyTree(s.ModCache, modCache, nil); err != nil {
		return nil, fmt.Errorf("%s: copy the module cache to %s: %w", modCacheEnv, modCache, err)
	}
	if err := fixtures.PinTimes(modCache); err != nil {
		return nil, err
	}
	goCache, err := placedDir(p.GoCache, s.Root, "gocache-"+name)
	if err != nil {
		return nil, err
	}
	if _, err := copyTree(s.GoCache, goCache, nil); err != nil {
		return nil, fmt.Errorf("%s: copy GOCACHE to %s: %w", goCacheEnv, goCache, err)
	}
	t := *s
	t.ModCache, t.GoCache, t.leafOrig, t.tmpfs, t.placed = modCache, goCache, nil, nil, nil
	t.OnTmpfs = harness.FSType(goCache) == "tmpfs"
	t.ModOnTmpfs = harness.FSType(modCache) == "tmpfs"
	t.Env = slices.Clone(s.Env)
	for i, kv := range t.Env {
		switch {
		case strings.HasPrefix(kv, "GOCACHE="):
			t.Env[i] = "GOCACHE=" + goCache
		case strings.HasPrefix(kv, "GOMODCACHE="):
			t.Env[i] = "GOMODCACHE=" + modCache
		}
	}
	return &t, nil
}

// placedDir makes a new dir for one placed cache: in this run's locked dir
// under pl.Dir, or in root (the tree's scratch dir) when pl is unset.
func placedDir(pl place, root, prefix string) (string, error) {
	parent := root
	if pl.Dir != "" {
		run, err := harness.RunDirIn(pl.Dir)
		if err != nil {
			return "", fmt.Errorf("%w; set %s or %s to a writable directory", err, modCacheEnv, goCacheEnv)
		}
		parent = run
	}
	dir, err := os.MkdirTemp(parent, prefix+"-")
	if err != nil {
		return "", fmt.Errorf("placed cache in %s: %w", parent, err)
	}
	return dir, nil
}
