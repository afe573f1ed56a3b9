package modres

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestMatrixNames checks that sub-benchmark names keep the conventions
// (lowercase key=value segments without spaces) and pins every name of the
// default and the -short matrix, and of both with every knob that adds
// cells, in a golden file: they are a public interface.
func TestMatrixNames(t *testing.T) {
	every := map[string]string{treesEnv: "small,service", buildTreesEnv: "small,service", moduleEnv: "/src/svc", cleanEnv: "1"}
	shm := "/dev/shm"
	if harness.FSType(shm) != "tmpfs" {
		t.Skipf("%s is not a tmpfs here; the placed cells' names name the filesystem", shm)
	}
	placed := map[string]string{modCacheEnv: shm, goCacheEnv: shm}
	placedMod := map[string]string{modCacheEnv: shm, cleanEnv: "1"}
	var all strings.Builder
	for _, tc := range []struct {
		name   string
		env    map[string]string
		short  bool
		claims bool // BENCHRIG_CLAIMS=1: the cells the claims are judged from
		iter   int  // harness.Iteration of a claims run
	}{
		{"default", nil, false, false, 0},
		{"short", nil, true, false, 0},
		{"every tree, clean", every, false, false, 0},
		{"every tree, clean, short", every, true, false, 0},
		{"placed: module cache and GOCACHE on tmpfs", placed, false, false, 0},
		{"placed: module cache on tmpfs, clean", placedMod, false, false, 0},
		{"claim tools", map[string]string{toolsEnv: "hello,test,download"}, false, false, 0},
		{"claim tools, clean, short", map[string]string{toolsEnv: "hello,test,download", cleanEnv: "1"}, true, false, 0},
		{"claims run", nil, false, true, 0},
		{"claims run, module cache on ext4", map[string]string{modCacheEnv: "/"}, false, true, 0},
		{"claims run, the second process of go tool benchrig run: vendor first", nil, false, true, 2},
	} {
		c, err := readConfig(envOf(tc.env), tc.short)
		require.NoError(t, err)
		if tc.claims {
			c = c.forClaims()
			c.Iteration = tc.iter
		}
		all.WriteString("# " + tc.name + "\n")
		for _, bc := range matrix(c) {
			if tc.claims {
				ok, err := harness.IsClaimCell(family.Name, bc.Name())
				require.NoError(t, err)
				if !ok {
					continue
				}
			}
			name := bc.Name()
			all.WriteString(name + "\n")
			assert.Equal(t, strings.ToLower(name), name)
			assert.NotContains(t, name, " ")
			for _, seg := range strings.Split(name, "/") {
				k, v, ok := strings.Cut(seg, "=")
				assert.True(t, ok, "segment %q is key=value", seg)
				assert.NotEmpty(t, k)
				assert.NotEmpty(t, v)
				assert.NotContains(t, v, "=")
			}
		}
	}
	testutil.Golden(t, filepath.Join("testdata", "names.golden"), []byte(all.String()))
}
