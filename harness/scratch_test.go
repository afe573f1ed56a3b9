package harness

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBenchDir(t *testing.T) {
	testutil.RequireLinux(t)
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	for _, tc := range []struct {
		name, env string
		wantErr   []string // substrings of the error; nil: no error
	}{
		{"existing dir", tmp, nil},
		{"missing", filepath.Join(tmp, "nope"), []string{"BENCHRIG_DIR=", "does not exist", "mkdir -p"}},
		{"regular file", file, []string{"BENCHRIG_DIR=", "is a regular file, not a directory"}},
		{"relative", "scratch", []string{"BENCHRIG_DIR=", "relative path", "absolute"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envDir, tc.env)
			got, err := benchDir(false)
			if tc.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.env, got)
				return
			}
			require.Error(t, err)
			for _, w := range tc.wantErr {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestBenchDirDefault(t *testing.T) {
	cache := t.TempDir()
	t.Setenv(envDir, "")
	t.Setenv("XDG_CACHE_HOME", cache) // os.UserCacheDir on Linux
	t.Setenv("HOME", cache)           // and on darwin
	want, err := defaultDir()
	require.NoError(t, err)
	got, err := benchDir(false)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.NoDirExists(t, want, "benchDir(false) must not create the default")
	got, err = benchDir(true)
	require.NoError(t, err)
	assert.DirExists(t, got)
}

// holdRun starts the "hold" child, which creates a run dir in base and
// holds it; release ends the child cleanly.
func holdRun(t *testing.T, base string) (dir string, release func()) {
	t.Helper()
	cmd := childCmd(t, "hold", base)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "the hold child prints its run dir")
	return strings.TrimSpace(line), func() {
		require.NoError(t, stdin.Close())
		require.NoError(t, cmd.Wait())
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	require.NoError(t, err)
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	require.NoError(t, err)
	_, err = io.Copy(dst, src)
	require.NoError(t, err)
	require.NoError(t, dst.Close())
}

// TestSweepKilledRun: a run SIGKILLed mid-way leaves its dir and lock; the
// next sweep removes both.
func TestSweepKilledRun(t *testing.T) {
	testutil.RequireLinux(t)
	base := t.TempDir()
	runDir, stray := killedRun(t, base)
	var log bytes.Buffer
	require.NoError(t, sweep(base, &log))
	assert.Empty(t, names(t, base))
	assert.Contains(t, log.String(), "swept "+runDir)
	assertStrayKilled(t, log.String(), runDir, stray)
}

// TestSweepLiveRun: a run whose process is alive holds its lock, and the
// sweep leaves it alone; once the process ends cleanly nothing is left.
func TestSweepLiveRun(t *testing.T) {
	testutil.RequireLinux(t)
	base := t.TempDir()
	runDir, release := holdRun(t, base)
	require.DirExists(t, runDir)

	require.NoError(t, sweep(base, io.Discard))
	assert.DirExists(t, runDir, "a live run must not be swept")
	assert.FileExists(t, runDir+lockSuffix)

	release()
	assert.Empty(t, names(t, base), "a clean run removes its dir and lock")
}

// TestSweepEntries: entries that only look like runs (no lock, a lock
// benchrig did not write, no marker) are left alone and named in one note.
func TestSweepEntries(t *testing.T) {
	testutil.RequireLinux(t)
	base := t.TempDir()
	mk := func(p string, dir bool) {
		if dir {
			require.NoError(t, os.MkdirAll(filepath.Join(base, p, "sub"), 0o755))
			return
		}
		require.NoError(t, os.WriteFile(filepath.Join(base, p), nil, 0o644))
	}
	mk("run-1-1", true) // no lock: somebody's run-* dir
	mk("run-2-2", true) // an empty lock: not benchrig's
	mk("run-2-2.lock", false)
	mk("run-3-3.lock", false)
	mk("user-data", true)
	mk("notes.txt", false)
	mk("run-notes.txt", false)
	before := names(t, base)
	var log bytes.Buffer
	require.NoError(t, sweep(base, &log))
	assert.ElementsMatch(t, before, names(t, base))
	assert.Equal(t, 1, strings.Count(log.String(), "\n"), "one note: %s", log.String())
	for _, n := range []string{"run-1-1 (no run lock beside it)", "run-2-2.lock (not a benchrig run lock)", "run-3-3.lock", "run-notes.txt"} {
		assert.Contains(t, log.String(), n)
	}
	assert.NotContains(t, log.String(), "user-data")
}

// TestOwnRunNotSwept: this process's own locked run survives a sweep (flock
// locks belong to the open file description, so the sweep's open conflicts).
func TestOwnRunNotSwept(t *testing.T) {
	testutil.RequireLinux(t)
	base := useBase(t)
	dir, err := theRun.dir()
	require.NoError(t, err)
	require.NoError(t, sweep(base, io.Discard))
	assert.DirExists(t, dir)
	require.NoError(t, theRun.close())
	assert.Empty(t, names(t, base))
}

func TestDir(t *testing.T) {
	testutil.RequireLinux(t)
	base := useBase(t)
	var first string
	t.Run("fresh", func(t *testing.T) {
		first = Dir(t, 1)
		assert.DirExists(t, first)
		assert.Empty(t, names(t, first))
		assert.Equal(t, base, filepath.Dir(filepath.Dir(first)), "under the run dir in BENCHRIG_DIR")
		second := Dir(t, 1)
		assert.NotEqual(t, first, second)
	})
	assert.NoDirExists(t, first, "removed when the test ends")

	r := testutil.Run(t, func(tb testing.TB) { Dir(tb, 1<<62) })
	assert.Regexp(t, `^needs 4611686018427387904 bytes \(4398046511104\.0 MiB\), \d+ \(.* MiB\) free on \S+ at .*; free space or set BENCHRIG_DIR`, r.SkipReason)
	assert.Empty(t, r.FatalReason)

	t.Setenv(envDir, filepath.Join(base, "missing"))
	require.NoError(t, theRun.close())
	r = testutil.Run(t, func(tb testing.TB) { Dir(tb, 1) })
	assert.Contains(t, r.FatalReason, "does not exist")
}

func TestShared(t *testing.T) {
	testutil.RequireLinux(t)
	useBase(t)
	a := Shared(t, "data", 1)
	b := Shared(t, "data", 1)
	assert.Equal(t, a, b)
	assert.DirExists(t, a)
	assert.NotEqual(t, a, Shared(t, "other", 1))
	for _, bad := range []string{"", ".", "..", "a/b"} {
		r := testutil.Run(t, func(tb testing.TB) { Shared(tb, bad, 1) })
		assert.Contains(t, r.FatalReason, "single path element", "name %q", bad)
	}
	r := testutil.Run(t, func(tb testing.TB) { Shared(tb, "huge", 1<<62) })
	assert.Contains(t, r.SkipReason, "needs")

	// Concurrent first use creates one dir.
	got := make(chan string, 8)
	for range 8 {
		go func() { got <- Shared(t, "race", 1) }()
	}
	want := <-got
	for range 7 {
		assert.Equal(t, want, <-got)
	}
}

func TestRemoveAllReadOnlyTree(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode os.FileMode // applied to every directory, deepest first
	}{
		{"module cache 0555", 0o555},
		{"no permissions 0000", 0o000},
		{"writable", 0o755},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "mod")
			deep := filepath.Join(root, "a", "b")
			require.NoError(t, os.MkdirAll(deep, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(deep, "f.go"), []byte("package b"), 0o444))
			outside := filepath.Join(t.TempDir(), "outside")
			require.NoError(t, os.WriteFile(outside, nil, 0o644))
			require.NoError(t, os.Symlink(outside, filepath.Join(root, "link")))
			for _, d := range []string{deep, filepath.Dir(deep), root} {
				require.NoError(t, os.Chmod(d, tc.mode))
			}
			require.NoError(t, RemoveAll(root))
			assert.NoDirExists(t, root)
			assert.FileExists(t, outside, "symlink targets are not removed")
		})
	}
}

func TestFSType(t *testing.T) {
	testutil.RequireLinux(t)
	assert.NotEqual(t, "unknown", FSType(t.TempDir()), "the test's temp dir is on a filesystem benchrig should name")
	assert.Equal(t, "proc", FSType("/proc"))
	assert.Equal(t, "unknown", FSType(filepath.Join(t.TempDir(), "missing")))
	if _, err := os.Stat("/dev/shm"); err == nil {
		assert.Equal(t, "tmpfs", FSType("/dev/shm"))
	}
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"sub-benchmark", "BenchmarkRead/bs=4KiB/qd=1", "BenchmarkRead_bs=4KiB_qd=1"},
		{"spaces", "Test a b", "Test_a_b"},
		{"long", strings.Repeat("x", 300), strings.Repeat("x", 100)},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, safeName(tc.in)) })
	}
}

// TestRunDirIn: the run's dir on another filesystem is a run of its own
// there, removed by Main's close; one a killed run left is swept by the
// next run that asks for a dir there.
func TestRunDirIn(t *testing.T) {
	testutil.RequireLinux(t)
	useBase(t)
	extra := t.TempDir()
	cmd := childCmd(t, "killin", t.TempDir())
	cmd.Env = append(cmd.Env, "EXTRA="+extra)
	out, _ := cmd.Output()
	dead := strings.TrimSpace(string(out))
	require.DirExists(t, dead, "the killed run left its dir in %s", extra)

	dir, err := RunDirIn(extra)
	require.NoError(t, err)
	again, err := RunDirIn(extra)
	require.NoError(t, err)
	assert.Equal(t, dir, again, "one dir per run and parent")
	assert.NoDirExists(t, dead, "swept")
	require.NoError(t, theRun.close())
	assert.Empty(t, names(t, extra))
}
