package modres

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
)

// TestReadPlacements checks the placement knobs: a set value must be an
// absolute, existing, writable directory outside the module under test, and
// the error names the variable and the fix.
func TestReadPlacements(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	module := filepath.Join(dir, "module")
	require.NoError(t, os.Mkdir(module, 0o755))
	for _, tc := range []struct {
		name   string
		env    map[string]string
		module string
		want   placements
		err    string
	}{
		{name: "unset", want: placements{}},
		{name: "module cache placed", env: map[string]string{modCacheEnv: dir},
			want: placements{ModCache: place{Dir: dir, FS: harness.FSType(dir), Device: deviceOf(dir)}}},
		{name: "relative", env: map[string]string{goCacheEnv: "rel/dir"}, err: goCacheEnv + "=rel/dir: not an absolute path"},
		{name: "missing", env: map[string]string{modCacheEnv: filepath.Join(dir, "nope")}, err: "no such file or directory"},
		{name: "a file", env: map[string]string{goCacheEnv: file}, err: "not a directory"},
		{name: "inside the module", env: map[string]string{modCacheEnv: module}, module: module, err: "inside the module under test"},
		{name: "the module's parent is fine", env: map[string]string{modCacheEnv: dir}, module: module,
			want: placements{ModCache: place{Dir: dir, FS: harness.FSType(dir), Device: deviceOf(dir)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readPlacements(envOf(tc.env), tc.module)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.Contains(t, err.Error(), "set ", "the error says what to set")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestPlacementConfig checks the config lines: every key, "none" for a
// cache not placed.
func TestPlacementConfig(t *testing.T) {
	p := placements{GoCache: place{Dir: "/dev/shm", FS: "tmpfs", Device: "none"}}
	var keys []string
	for _, c := range p.config() {
		keys = append(keys, c.Key)
	}
	assert.Equal(t, placementKeys, keys)
	assert.Equal(t, []harness.Config{
		{Key: "modcache-fs", Value: "none"}, {Key: "modcache-device", Value: "none"},
		{Key: "gocache-fs", Value: "tmpfs"}, {Key: "gocache-device", Value: "none"},
	}, p.config())
}
