package scratch

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/scratch/scratchtest"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var n []string
	for _, e := range es {
		n = append(n, e.Name())
	}
	return n
}

// TestCreateClose: a run is a lock with benchrig's record and a dir with a
// marker naming the same token; Close leaves nothing.
func TestCreateClose(t *testing.T) {
	base := t.TempDir()
	r, err := Create(base, Prefix+"x-")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(filepath.Base(r.Dir), "run-x-"))
	assert.Equal(t, r.Dir+LockSuffix, r.LockPath)
	b, err := os.ReadFile(r.LockPath)
	require.NoError(t, err)
	li, ok := parseLock(b)
	require.True(t, ok, "lock text:\n%s", b)
	assert.Equal(t, Token(), li.token)
	assert.Equal(t, os.Getpid(), li.pid)
	assert.Equal(t, Token(), os.Getenv(EnvToken), "children inherit the token")
	m, err := os.ReadFile(filepath.Join(r.Dir, MarkerName))
	require.NoError(t, err)
	assert.Equal(t, Token(), markerToken(m))

	var log bytes.Buffer
	require.NoError(t, Sweep(base, &log, nil))
	assert.DirExists(t, r.Dir, "a live run is not swept")
	assert.Empty(t, log.String())
	require.NoError(t, os.WriteFile(filepath.Join(r.Dir, "f"), nil, 0o444))
	require.NoError(t, r.Close())
	assert.Empty(t, entries(t, base))
	assert.NoError(t, r.Close(), "a second Close does nothing")
}

// TestSweepDeadRun: a run SIGKILLed mid-way is swept, and the process it
// started is killed; a live run in another process is left.
func TestSweepDeadRun(t *testing.T) {
	base := t.TempDir()
	liveDirs, release := hold(t, "hold", base, 1)
	dir, stray := deadRun(t, base)

	var log bytes.Buffer
	require.NoError(t, Sweep(base, &log, func(d string) { assert.Equal(t, dir, d) }))
	assert.Contains(t, log.String(), "swept "+dir+", left by a dead run")
	assert.Contains(t, log.String(), "that the dead run "+dir+" started")
	assert.NoDirExists(t, dir)
	assert.NoFileExists(t, dir+LockSuffix)
	assert.DirExists(t, liveDirs[0])
	assert.Eventually(t, func() bool { return !procAlive(stray) }, 5e9, 1e7)
	release()
}

// hold starts the child mode ("hold" or "holdtree") in base and reads the n
// run dirs it prints; release ends it cleanly.
func hold(t *testing.T, mode, base string, n int) (dirs []string, release func()) {
	t.Helper()
	cmd := child(t, mode, base)
	in, err := cmd.StdinPipe()
	require.NoError(t, err)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	r := bufio.NewReader(out)
	for range n {
		l, err := r.ReadString('\n')
		require.NoError(t, err)
		dirs = append(dirs, strings.TrimSpace(l))
	}
	return dirs, func() {
		require.NoError(t, in.Close())
		require.NoError(t, cmd.Wait())
	}
}

func procAlive(pid int) bool {
	st, err := readProcStat(pid)
	if err != nil {
		return false
	}
	b, _ := os.ReadFile("/proc/" + itoa(pid) + "/stat")
	i := bytes.LastIndexByte(b, ')')
	return st.start > 0 && i > 0 && b[i+2] != 'Z'
}

// TestSweepAdversarial: a BENCHRIG_DIR holding every shape of entry that
// only looks like a run, other users' runs and processes (as root), a mount
// inside a dead run (as root) and real dead runs: the sweep removes the dead
// runs and kills what they started, and changes nothing else.
func TestSweepAdversarial(t *testing.T) {
	root := t.TempDir()
	base, outside := filepath.Join(root, "base"), filepath.Join(root, "outside")
	require.NoError(t, os.Mkdir(base, 0o755))
	require.NoError(t, os.Mkdir(outside, 0o755))
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chmod(root, 0o755)) // another user's process may start here
	}
	a := scratchtest.Build(t, base, outside, scratchtest.Options{
		DeadRun: func(b string) (string, int) { return deadRun(t, b) },
		Root:    true,
	})
	for _, c := range a.Cases {
		t.Log(c)
	}
	var log bytes.Buffer
	require.NoError(t, Sweep(base, &log, nil))
	t.Logf("sweep log:\n%s", log.String())
	a.Check(t, log.String())
	assert.Equal(t, 1, strings.Count(log.String(), "left alone in"), "one note names what is not benchrig's")
}

// TestLiveRuns: a live run counts once, even when a process of it holds a
// second lock (a runner and the benchmark binary it started); this
// process's own runs do not count.
func TestLiveRuns(t *testing.T) {
	base := t.TempDir()
	own, err := Create(base, Prefix)
	require.NoError(t, err)
	defer own.Close()
	extra, err := Create(base, Prefix+"probe-") // a second run of this process
	require.NoError(t, err)
	defer extra.Close()
	assert.Empty(t, LiveRuns(base, own.LockPath))

	dirs, release := hold(t, "holdtree", base, 2)
	require.Len(t, entries(t, base), 8, "four runs, a dir and a lock each")
	live := LiveRuns(base, own.LockPath)
	assert.Len(t, live, 1, "the tree is one run: %v", live)
	assert.Subset(t, []string{filepath.Base(dirs[0]), filepath.Base(dirs[1])}, live)
	release()
	assert.Eventually(t, func() bool { return len(LiveRuns(base, own.LockPath)) == 0 }, 5e9, 1e7)
}

// TestRemoveAll: links are removed, never followed; read-only and mode-000
// trees go; a mount point inside stops the removal (as root).
func TestRemoveAll(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "keep")
	require.NoError(t, os.WriteFile(outside, []byte("keep"), 0o644))
	for _, tc := range []struct {
		name string
		mode os.FileMode
	}{{"module cache 0555", 0o555}, {"no permissions 0000", 0o000}, {"writable", 0o755}} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "mod")
			deep := filepath.Join(root, "a", "b")
			require.NoError(t, os.MkdirAll(deep, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(deep, "f.go"), nil, 0o444))
			require.NoError(t, os.Symlink(outside, filepath.Join(root, "link")))
			require.NoError(t, os.Symlink(filepath.Dir(outside), filepath.Join(deep, "dirlink")))
			for _, d := range []string{deep, filepath.Dir(deep), root} {
				require.NoError(t, os.Chmod(d, tc.mode))
			}
			require.NoError(t, RemoveAll(root))
			assert.NoDirExists(t, root)
			assert.FileExists(t, outside)
		})
	}
	t.Run("symlink itself", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "l")
		require.NoError(t, os.Symlink(filepath.Dir(outside), link))
		require.NoError(t, RemoveAll(link))
		assert.NoFileExists(t, link)
		assert.FileExists(t, outside)
	})
	t.Run("missing", func(t *testing.T) { assert.NoError(t, RemoveAll(filepath.Join(t.TempDir(), "none"))) })
	t.Run("mount point inside", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("bind mounts need root")
		}
		src := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(src, "m"), nil, 0o644))
		root := t.TempDir()
		mnt := filepath.Join(root, "d", "mnt")
		require.NoError(t, os.MkdirAll(mnt, 0o755))
		out, err := exec.Command("mount", "--bind", src, mnt).CombinedOutput()
		require.NoError(t, err, "%s", out)
		defer exec.Command("umount", "-l", mnt).Run()
		err = RemoveAll(filepath.Join(root, "d"))
		var me *MountError
		require.ErrorAs(t, err, &me)
		assert.Equal(t, mnt, me.Path)
		assert.FileExists(t, filepath.Join(src, "m"))
	})
}
