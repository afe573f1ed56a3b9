package scratch

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/scratch/scratchtest"
)

// treeEntry is one entry of a fuzzed BENCHRIG_DIR: its name and what it is.
type treeEntry struct{ name, kind string }

var (
	treeStems    = []string{"run-a", "run-b", "run-c", "x-d"}
	treeSuffixes = []string{"", LockSuffix, ".removing-1", ".removing-x"}
	treeKinds    = []string{"dir", "file", "link-victim", "link-root", "lock-a", "lock-b", "lock-foreign", "marked-a", "marked-b", "fifo"}
)

// decodeTree turns fuzz input into entries, three bytes each: stem, suffix
// and kind. The first entry with a name wins.
func decodeTree(data []byte) []treeEntry {
	var es []treeEntry
	seen := map[string]bool{}
	for i := 0; i+2 < len(data) && len(es) < 12; i += 3 {
		name := treeStems[int(data[i])%len(treeStems)] + treeSuffixes[int(data[i+1])%len(treeSuffixes)]
		if !seen[name] {
			seen[name] = true
			es = append(es, treeEntry{name, treeKinds[int(data[i+2])%len(treeKinds)]})
		}
	}
	return es
}

func makeEntry(t *testing.T, base, victim string, e treeEntry) {
	p := filepath.Join(base, e.name)
	var err error
	switch e.kind {
	case "dir":
		err = os.MkdirAll(filepath.Join(p, "sub"), 0o755)
	case "file":
		err = os.WriteFile(p, []byte("mine"), 0o644)
	case "link-victim":
		err = os.Symlink(victim, p)
	case "link-root":
		err = os.Symlink("/", p)
	case "lock-a", "lock-b": // tokens a…a and b…b: no process carries them
		err = os.WriteFile(p, []byte(scratchtest.LockText(strings.Repeat(e.kind[5:], 32), 1, 0)), 0o644)
	case "lock-foreign":
		err = os.WriteFile(p, []byte("lock\n"), 0o644)
	case "marked-a", "marked-b":
		if err = os.MkdirAll(filepath.Join(p, "d"), 0o755); err == nil {
			err = os.WriteFile(filepath.Join(p, MarkerName), []byte(scratchtest.MarkerText(strings.Repeat(e.kind[7:], 32))), 0o644)
		}
	case "fifo":
		err = syscall.Mkfifo(p, 0o644)
	}
	require.NoError(t, err)
}

// deadRuns returns the entries a sweep must remove: for each lock of
// kind lock-a or lock-b, the lock and its dirs, when every dir of its run
// is a dir whose marker names the lock's token.
func deadRunEntries(es []treeEntry) map[string]bool {
	kind := map[string]string{}
	for _, e := range es {
		kind[e.name] = e.kind
	}
	gone := map[string]bool{}
	for _, e := range es {
		if !strings.HasSuffix(e.name, LockSuffix) || !strings.HasPrefix(e.name, Prefix) || !strings.HasPrefix(e.kind, "lock-") || e.kind == "lock-foreign" {
			continue
		}
		stem := strings.TrimSuffix(e.name, LockSuffix)
		ok := true
		var dirs []string
		for _, d := range es {
			if d.name != e.name && lockStem(d.name) == stem {
				dirs = append(dirs, d.name)
				ok = ok && kind[d.name] == "marked-"+e.kind[5:]
			}
		}
		if ok {
			gone[e.name] = true
			for _, d := range dirs {
				gone[d] = true
			}
		}
	}
	return gone
}

// FuzzSweepTree: over any mix of run-like entries (dirs, files, links to a
// victim dir and to /, benchrig and foreign locks, marked dirs, FIFOs), the
// sweep removes exactly the dead benchrig runs and changes nothing else.
func FuzzSweepTree(f *testing.F) {
	f.Add([]byte{0, 1, 4, 0, 0, 7})          // a dead run
	f.Add([]byte{0, 1, 4, 0, 0, 2})          // its dir a link to the victim
	f.Add([]byte{0, 1, 4, 0, 0, 3, 0, 2, 7}) // a link to / beside a renamed dir
	f.Add([]byte{1, 1, 5, 1, 0, 7, 2, 0, 0}) // the marker names another token
	f.Add([]byte{2, 1, 6, 2, 0, 0, 3, 1, 4}) // a foreign lock, and a lock not named run-*
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		base, victim := filepath.Join(root, "base"), filepath.Join(root, "victim")
		require.NoError(t, os.MkdirAll(filepath.Join(victim, "v"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(victim, "v", "f"), []byte("keep"), 0o644))
		require.NoError(t, os.Mkdir(base, 0o755))
		es := decodeTree(data)
		for _, e := range es {
			makeEntry(t, base, victim, e)
		}
		gone := deadRunEntries(es)
		var keep []string
		for _, e := range es {
			if !gone[e.name] {
				keep = append(keep, e.name)
			}
		}
		before := describeAll(t, base, keep, victim)
		require.NoError(t, Sweep(base, io.Discard, nil))
		assert.Equal(t, before, describeAll(t, base, keep, victim))
		for name := range gone {
			_, err := os.Lstat(filepath.Join(base, name))
			assert.ErrorIs(t, err, os.ErrNotExist, "%s of a dead run is swept (tree %v)", name, es)
		}
	})
}

// describeAll lists the names in base and, below each name in keep and
// below victim, every entry with its type and link target.
func describeAll(t *testing.T, base string, keep []string, victim string) []string {
	var out []string
	for _, root := range append([]string{victim}, keep...) {
		if !filepath.IsAbs(root) {
			root = filepath.Join(base, root)
		}
		_ = filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			s := p + " " + fi.Mode().String()
			if fi.Mode()&os.ModeSymlink != 0 {
				target, _ := os.Readlink(p)
				s += " -> " + target
			}
			out = append(out, s)
			return nil
		})
	}
	return out
}
