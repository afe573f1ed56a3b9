package modres

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
)

// TestTmpfsCacheSeeded: the gocache=tmpfs setup has a copy of the disk
// GOCACHE as it is when the cell starts, and each call replaces the dir of
// the call before. Any dir stands in for the tmpfs here.
func TestTmpfsCacheSeeded(t *testing.T) {
	s := tinySetup(t)
	parent := t.TempDir()
	t1, err := s.withTmpfsCache(parent)
	require.NoError(t, err)
	assert.True(t, t1.OnTmpfs)
	assert.Equal(t, "GOCACHE="+t1.GoCache, envValue(t1.Env, "GOCACHE"))
	assert.Equal(t, "GOCACHE="+s.GoCache, envValue(s.Env, "GOCACHE"), "the disk setup keeps its GOCACHE")
	assert.Equal(t, relFiles(t, s.GoCache), relFiles(t, t1.GoCache), "the tmpfs GOCACHE starts as a copy of the disk one")

	t2, err := s.withTmpfsCache(parent)
	require.NoError(t, err)
	assert.NoDirExists(t, t1.GoCache, "the next cell's copy replaces the last")
	assert.DirExists(t, t2.GoCache)
	require.NoError(t, harness.RemoveAll(t2.GoCache))
	s.tmpfs = nil
}

// relFiles lists the regular files under dir, relative to it.
func relFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, walkTree(dir, nil, func(_, rel string, d fs.DirEntry) error {
		if d.Type().IsRegular() {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	}))
	return out
}
