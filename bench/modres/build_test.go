package modres

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestRebuildEdit: each edit gives the leaf file new content and a real new
// mtime, the edited tree builds, and restore puts back the generated file
// with the pinned time.
func TestRebuildEdit(t *testing.T) {
	goPath := testutil.RequireGo(t)
	s, err := prepareTiny(t, t.TempDir())
	require.NoError(t, err)
	orig := readFile(t, s.Leaf)
	var prev []byte
	for i := range 2 {
		start := time.Now().Add(-time.Second)
		require.NoError(t, editLeaf(s))
		got := readFile(t, s.Leaf)
		assert.NotEqual(t, orig, got, "edit %d changes the file", i)
		assert.NotEqual(t, prev, got, "edit %d differs from the one before", i)
		prev = got
		fi, err := os.Stat(s.Leaf)
		require.NoError(t, err)
		assert.True(t, fi.ModTime().After(start), "edit %d: mtime %v is new", i, fi.ModTime())
		_, err = runBuild(goPath, s, modeVendor)
		require.NoError(t, err)
	}
	require.NoError(t, restoreLeaf(s))
	assert.Equal(t, orig, readFile(t, s.Leaf))
	fi, err := os.Stat(s.Leaf)
	require.NoError(t, err)
	assert.True(t, fi.ModTime().Equal(fixtures.FileTime))
}
