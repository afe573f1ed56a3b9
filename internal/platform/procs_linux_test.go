package platform

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sleeper starts `sleep 60`, set up by setup, and kills it when t ends.
func sleeper(t *testing.T, setup func(*exec.Cmd)) int {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	setup(cmd)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd.Process.Pid
}

func TestProcsUsing(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "run-1")
	sibling := filepath.Join(root, "run-10") // dir is a string prefix of it
	for _, d := range []string{filepath.Join(dir, "sub"), sibling} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	open := func(t *testing.T, p string) *os.File {
		f, err := os.Create(p)
		require.NoError(t, err)
		t.Cleanup(func() { f.Close() })
		return f
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, cmd *exec.Cmd)
		uses  bool
	}{
		{"cwd", func(t *testing.T, c *exec.Cmd) { c.Dir = dir }, true},
		{"cwd below", func(t *testing.T, c *exec.Cmd) { c.Dir = filepath.Join(dir, "sub") }, true},
		{"open file", func(t *testing.T, c *exec.Cmd) { c.ExtraFiles = []*os.File{open(t, filepath.Join(dir, "f"))} }, true},
		{"env value", func(t *testing.T, c *exec.Cmd) { c.Env = append(c.Env, "TMPDIR="+dir+"/tmp") }, true},
		{"env list", func(t *testing.T, c *exec.Cmd) { c.Env = []string{"PATH=/usr/bin:" + dir + "/bin:/bin"} }, true},
		{"sibling cwd", func(t *testing.T, c *exec.Cmd) { c.Dir = sibling }, false},
		{"sibling env", func(t *testing.T, c *exec.Cmd) { c.Env = append(c.Env, "HOME="+sibling) }, false},
		{"unrelated", func(t *testing.T, c *exec.Cmd) { c.Dir = root }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pid := sleeper(t, func(c *exec.Cmd) { tc.setup(t, c) })
			pids, err := ProcsUsing(dir)
			require.NoError(t, err)
			assert.Equal(t, tc.uses, slices.Contains(pids, pid), "pid %d in %v", pid, pids)
			assert.NotContains(t, pids, os.Getpid(), "never this process")
		})
	}
}

// TestProcsUsingSymlink: a dir named through a symlink matches the resolved
// paths /proc shows.
func TestProcsUsingSymlink(t *testing.T) {
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	require.NoError(t, os.Symlink(real, link))
	pid := sleeper(t, func(c *exec.Cmd) { c.Dir = real })
	pids, err := ProcsUsing(link)
	require.NoError(t, err)
	assert.Contains(t, pids, pid)
}

func TestDivert(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(p)
	require.NoError(t, err)
	defer f.Close()
	saved, err := Divert(f)
	require.NoError(t, err)
	defer saved.Close()
	_, err = f.WriteString("discarded\n")
	require.NoError(t, err)
	_, err = saved.WriteString("kept\n")
	require.NoError(t, err)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "kept\n", string(b))
}

func TestMountPoint(t *testing.T) {
	mp, err := MountPoint(t.TempDir())
	require.NoError(t, err)
	assert.True(t, filepath.IsAbs(mp))
	root, err := MountPoint("/")
	require.NoError(t, err)
	assert.Equal(t, "/", root)
}

func TestUnescapeMount(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "/mnt/a", "/mnt/a"},
		{"space", `/mnt/my\040disk`, "/mnt/my disk"},
		{"backslash", `/mnt/a\134b`, `/mnt/a\b`},
		{"short escape", `/mnt/a\04`, `/mnt/a\04`},
		{"not octal", `/mnt/a\9zz`, `/mnt/a\9zz`},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, unescapeMount(tc.in)) })
	}
}

func TestParseCPUStat(t *testing.T) {
	for _, tc := range []struct {
		name, in          string
		busy, idle, steal time.Duration
		bad               bool
	}{
		{"modern", "cpu  100 2 50 900 10 3 4 7 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n", 1590 * time.Millisecond, 9100 * time.Millisecond, 70 * time.Millisecond, false},
		{"eight values", "cpu 1 1 1 1 1 1 1 1\n", 50 * time.Millisecond, 20 * time.Millisecond, 10 * time.Millisecond, false},
		{"too short", "cpu 1 2 3\n", 0, 0, 0, true},
		{"garbage", "cpu a b c d e f g h\n", 0, 0, 0, true},
		{"huge counter", "cpu 9223372036854775807 1 1 1 1 1 1 1\n", 0, 0, 0, true},
		{"no cpu line", "intr 1 2\n", 0, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseCPUStat(tc.in)
			if tc.bad {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, CPUStat{Busy: tc.busy, Idle: tc.idle, Steal: tc.steal}, got)
		})
	}
	_, err := ReadCPUStat()
	assert.NoError(t, err)
}
