package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// diskDir returns a temp dir on a disk-backed filesystem: under
// BENCHRIG_DIR when it is set (CI points it at the clone's disk), else
// t.TempDir(). It skips when that is not disk-backed (e.g. /tmp on tmpfs).
func diskDir(t *testing.T) string {
	t.Helper()
	testutil.RequireLinux(t)
	dir := t.TempDir()
	if base := os.Getenv(envDir); base != "" {
		d, err := os.MkdirTemp(base, "harness-test-")
		require.NoError(t, err)
		t.Cleanup(func() { assert.NoError(t, RemoveAll(d)) })
		dir = d
	}
	if err := diskBacked(dir); err != nil {
		t.Skipf("eviction tests need a disk: %v", err)
	}
	return dir
}

func writeFile(t *testing.T, p string, n int) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, bytes.Repeat([]byte{0xa5}, n), 0o644))
}

func pagesOf(n int) int64 {
	ps := int64(os.Getpagesize())
	return (int64(n) + ps - 1) / ps
}

// TestEvictResidentWarm writes files on the disk fs, reads them (resident),
// evicts them (zero resident pages), and warms them (every page resident).
func TestEvictResidentWarm(t *testing.T) {
	ps := os.Getpagesize()
	for _, tc := range []struct {
		name  string
		files map[string]int // relative path -> size
	}{
		{"one page", map[string]int{"f": ps}},
		{"partial last page", map[string]int{"f": 1<<20 + 123}},
		{"empty file", map[string]int{"f": 0}},
		{"tree", map[string]int{"a/x.go": 3 * ps, "a/b/y.go": 10, "z": 256 << 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(diskDir(t), "root")
			var pages int64
			for rel, n := range tc.files {
				writeFile(t, filepath.Join(root, rel), n)
				pages += pagesOf(n)
			}
			target := root
			if len(tc.files) == 1 {
				target = filepath.Join(root, "f")
			}
			Warm(t, target)
			r, err := Resident(target)
			require.NoError(t, err)
			assert.Equal(t, Residency{Resident: pages, Pages: pages}, r, "after Warm")

			require.NoError(t, Evict(target))
			r, err = Resident(target)
			require.NoError(t, err)
			assert.Equal(t, Residency{Resident: 0, Pages: pages}, r, "after Evict")
			t.Logf("%s on %s: after Warm %d of %d pages resident; after Evict %s", target, FSType(target), pages, pages, r)

			Cold(t, target) // proves it again, must not fail
			Warm(t, target)
			r, err = Resident(target)
			require.NoError(t, err)
			assert.Equal(t, pages, r.Resident, "after a second Warm")
		})
	}
}

// TestEvictStaysInTree: a symlink inside the tree that points outside it is
// not followed: the outside file keeps its pages.
func TestEvictStaysInTree(t *testing.T) {
	dir := diskDir(t)
	outside := filepath.Join(dir, "outside")
	writeFile(t, outside, 64<<10)
	root := filepath.Join(dir, "tree")
	writeFile(t, filepath.Join(root, "in"), 64<<10)
	require.NoError(t, os.Symlink(outside, filepath.Join(root, "link")))
	Warm(t, outside, root)

	require.NoError(t, Evict(root))
	in, err := Resident(root)
	require.NoError(t, err)
	assert.Zero(t, in.Resident)
	assert.Equal(t, pagesOf(64<<10), in.Pages, "the symlink's target is not counted")
	out, err := Resident(outside)
	require.NoError(t, err)
	assert.Equal(t, out.Pages, out.Resident, "the file outside the tree must stay cached")

	_, err = Resident(filepath.Join(root, "link"))
	assert.ErrorContains(t, err, "is a symlink")
	assert.ErrorContains(t, Evict(filepath.Join(root, "link")), "is a symlink")
}

// TestColdFailsWhenMapped: pages mapped by a process cannot be dropped, and
// Cold must fail naming the path and the count rather than pass.
func TestColdFailsWhenMapped(t *testing.T) {
	dir := diskDir(t)
	f := filepath.Join(dir, "mapped")
	writeFile(t, f, 16<<10)
	unmap := mapAndTouch(t, f)
	defer unmap()
	r := testutil.Run(t, func(tb testing.TB) { Cold(tb, f) })
	assert.Empty(t, r.SkipReason)
	assert.Regexp(t, `^harness\.Cold: .*/mapped still has 4 of 4 pages in the page cache`, r.FatalReason)
}

// TestNotEvictable: tmpfs holds its pages in memory; RequireDisk and Cold
// skip there with the reason and the fix.
func TestNotEvictable(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct{ name, dir, fs string }{
		{"tmpfs /dev/shm", "/dev/shm", "tmpfs"},
		{"proc", "/proc", "proc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.dir); err != nil {
				t.Skipf("%s: %v", tc.dir, err)
			}
			r := testutil.Run(t, func(tb testing.TB) { RequireDisk(tb, tc.dir) })
			assert.Empty(t, r.FatalReason)
			assert.Contains(t, r.SkipReason, tc.dir+" is on "+tc.fs)
			assert.Contains(t, r.SkipReason, "set BENCHRIG_DIR to a directory on a disk-backed filesystem")
		})
	}
	t.Run("Cold on tmpfs", func(t *testing.T) {
		if _, err := os.Stat("/dev/shm"); err != nil {
			t.Skipf("/dev/shm: %v", err)
		}
		f, err := os.CreateTemp("/dev/shm", "benchrig-test-")
		require.NoError(t, err)
		t.Cleanup(func() { os.Remove(f.Name()) })
		_, err = f.Write(make([]byte, 8192))
		require.NoError(t, err)
		require.NoError(t, f.Close())
		r := testutil.Run(t, func(tb testing.TB) { Cold(tb, f.Name()) })
		assert.Empty(t, r.FatalReason)
		assert.Contains(t, r.SkipReason, "tmpfs")
		// And the reason is real: eviction leaves tmpfs pages resident.
		require.NoError(t, Evict(f.Name()))
		res, err := Resident(f.Name())
		require.NoError(t, err)
		assert.Equal(t, res.Pages, res.Resident)
		t.Logf("%s: Cold skipped (%q); after Evict still %s", f.Name(), r.SkipReason, res)
	})
	t.Run("disk", func(t *testing.T) {
		dir := diskDir(t)
		r := testutil.Run(t, func(tb testing.TB) { RequireDisk(tb, dir) })
		assert.Empty(t, r.SkipReason)
		assert.Empty(t, r.FatalReason)
	})
}

func TestResidentErrors(t *testing.T) {
	testutil.RequireLinux(t)
	_, err := Resident(filepath.Join(t.TempDir(), "missing"))
	assert.ErrorContains(t, err, "missing")
	_, err = Resident("/dev/null")
	assert.ErrorContains(t, err, "not a regular file or directory")
}
