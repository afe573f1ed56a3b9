package harness

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hintRun is how one run of the test binary sees BENCHRIG_DIR.
type hintRun struct {
	dir    string // BENCHRIG_DIR; "" leaves it unset (the default is under the test's cache)
	shell  string // sh commands run first in a private mount namespace ($0 is dir)
	nobody bool   // run as uid 65534: set for every run without shell when root
}

// hintCase is one state of BENCHRIG_DIR: the message must state it and
// give a fix, and doing what the message says must make the next run work.
type hintCase struct {
	name  string
	root  string // why the case needs root; "" when it does not
	state func(t *testing.T, h *hintEnv) hintRun
	code  int      // exit status in that state
	want  []string // what stderr must say (state and fix), with {dir} for BENCHRIG_DIR
	fix   func(t *testing.T, h *hintEnv, r hintRun) hintRun
}

// hintEnv is a test's world: a root dir others can reach, a copy of this
// binary that nobody can run, and the user cache dir the default uses.
type hintEnv struct{ root, exe, cache string }

func newHintEnv(t *testing.T) *hintEnv {
	root, err := os.MkdirTemp("", "benchrig-hints-")
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, RemoveAll(root)) })
	require.NoError(t, os.Chmod(root, 0o755))
	h := &hintEnv{root: root, exe: filepath.Join(root, "harness.test"), cache: filepath.Join(root, "cache")}
	exe, err := os.Executable()
	require.NoError(t, err)
	copyFile(t, exe, h.exe, 0o755)
	h.mkdir(t, h.cache, 0o755)
	return h
}

func (h *hintEnv) path(name string) string { return filepath.Join(h.root, name) }

// mkdir creates dir with mode, owned by the user the runs use.
func (h *hintEnv) mkdir(t *testing.T, dir string, mode os.FileMode) {
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.Chmod(dir, mode))
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chown(dir, 65534, 65534))
	}
}

// run runs BenchmarkScratchSmoke through Main as r says.
func (h *hintEnv) run(t *testing.T, r hintRun) (code int, stdout, stderr string) {
	args := []string{"-test.run=^$", "-test.bench=^BenchmarkScratchSmoke$", "-test.benchtime=1x"}
	cmd := exec.Command(h.exe, args...)
	if r.shell != "" {
		cmd = exec.Command("sh", append([]string{"-c", r.shell + ` && exec "$@"`, r.dir, h.exe}, args...)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	}
	if r.nobody {
		asNobody(cmd)
	}
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, envDir+"=") || strings.HasPrefix(kv, "XDG_CACHE_HOME=")
	})
	cmd.Env = append(cmd.Env, childEnv+"=main", "XDG_CACHE_HOME="+h.cache)
	if r.dir != "" {
		cmd.Env = append(cmd.Env, envDir+"="+r.dir)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return code, out.String(), errb.String()
}

// TestBenchDirHints puts BENCHRIG_DIR in each state a user can get it
// into, checks that Main says what the state is and how to fix it (with
// exit status 2 for a configuration error), then does what the message
// says and checks that the next run works.
func TestBenchDirHints(t *testing.T) {
	for _, tc := range hintCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root != "" && os.Geteuid() != 0 {
				t.Skipf("needs root: %s", tc.root)
			}
			h := newHintEnv(t)
			r := tc.state(t, h)
			r.nobody = os.Geteuid() == 0 && r.shell == ""
			code, _, stderr := h.run(t, r)
			t.Logf("BENCHRIG_DIR=%s prints:\n%s", r.dir, stderr)
			assert.Equal(t, tc.code, code)
			for _, w := range tc.want {
				assert.Contains(t, stderr, strings.ReplaceAll(w, "{dir}", r.dir))
			}
			r = tc.fix(t, h, r)
			r.nobody = os.Geteuid() == 0 && r.shell == ""
			code, stdout, stderr := h.run(t, r)
			require.Equal(t, 0, code, "after the fix: %s", stderr)
			assert.Regexp(t, `(?m)^BenchmarkScratchSmoke\S*\s+1\s+\d+ ns/op`, stdout, "after the fix the benchmark runs; stderr: %s", stderr)
			if r.dir != "" {
				assert.Empty(t, names(t, r.dir), "and leaves BENCHRIG_DIR empty")
			}
		})
	}
}

// uid is the user the runs without a mount namespace use.
func uid() string {
	if os.Geteuid() == 0 {
		return "65534"
	}
	return strconv.Itoa(os.Geteuid())
}

// useDefault is the fix most messages offer: fall back to the default dir.
const useDefault = "unset BENCHRIG_DIR to use the default "

// unsetDir is the fix that unsets BENCHRIG_DIR.
func unsetDir(t *testing.T, h *hintEnv, r hintRun) hintRun { return hintRun{} }

// mkdirDir is the fix that creates BENCHRIG_DIR.
func mkdirDir(t *testing.T, h *hintEnv, r hintRun) hintRun { h.mkdir(t, r.dir, 0o755); return r }

func hintCases() []hintCase { return append(pathHintCases(), accessHintCases()...) }

// pathHintCases are the states of the path itself: missing, not a
// directory, a dangling symlink or a loop, relative.
func pathHintCases() []hintCase {
	return []hintCase{
		{name: "missing", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun { return hintRun{dir: h.path("nope")} },
			want:  []string{"BENCHRIG_DIR={dir} does not exist; create it (mkdir -p {dir}) or " + useDefault},
			fix:   mkdirDir},
		{name: "dangling symlink", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.Symlink("target", h.path("link")))
				return hintRun{dir: h.path("link")}
			},
			want: []string{"BENCHRIG_DIR={dir} is a dangling symlink to ", "target, which does not exist; create the target (mkdir -p ", "/target) or " + useDefault},
			fix:  func(t *testing.T, h *hintEnv, r hintRun) hintRun { h.mkdir(t, h.path("target"), 0o755); return r }},
		{name: "dangling symlink parent", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.Symlink(h.path("gone"), h.path("plink")))
				return hintRun{dir: h.path("plink/sub")}
			},
			want: []string{"BENCHRIG_DIR={dir} does not exist: ", "/plink is a dangling symlink to ", "/gone; create it (mkdir -p ", "/gone/sub)"},
			fix:  func(t *testing.T, h *hintEnv, r hintRun) hintRun { h.mkdir(t, h.path("gone/sub"), 0o755); return r }},
		{name: "regular file", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.WriteFile(h.path("file"), nil, 0o644))
				return hintRun{dir: h.path("file")}
			},
			want: []string{"BENCHRIG_DIR={dir} is a regular file, not a directory; point BENCHRIG_DIR at a directory on the disk to measure (e.g. mkdir -p {dir}.d and set BENCHRIG_DIR={dir}.d)"},
			fix: func(t *testing.T, h *hintEnv, r hintRun) hintRun {
				h.mkdir(t, r.dir+".d", 0o755)
				return hintRun{dir: r.dir + ".d"}
			}},
		{name: "file as parent", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.WriteFile(h.path("file"), nil, 0o644))
				return hintRun{dir: h.path("file/sub")}
			},
			want: []string{"BENCHRIG_DIR={dir} cannot exist: ", "/file is a regular file, not a directory; " + useDefault},
			fix:  unsetDir},
		{name: "symlink loop", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.Symlink("loop", h.path("loop")))
				return hintRun{dir: h.path("loop")}
			},
			want: []string{"BENCHRIG_DIR={dir} is a symlink loop", useDefault},
			fix:  unsetDir},
		{name: "relative", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun { return hintRun{dir: "scratch"} },
			want:  []string{`BENCHRIG_DIR="scratch" is a relative path`, "set BENCHRIG_DIR to an absolute path, e.g. BENCHRIG_DIR=$PWD/scratch (mkdir -p scratch first if it does not exist)"},
			fix: func(t *testing.T, h *hintEnv, r hintRun) hintRun { // as a shell in h.root would
				h.mkdir(t, h.path("scratch"), 0o755)
				return hintRun{dir: h.path("scratch")}
			}},
	}
}

// accessHintCases are the states of a directory that exists: not
// writable, on a read-only mount, on tmpfs.
func accessHintCases() []hintCase {
	return []hintCase{
		{name: "unwritable own dir", code: 2,
			state: func(t *testing.T, h *hintEnv) hintRun {
				h.mkdir(t, h.path("ro"), 0o555)
				return hintRun{dir: h.path("ro")}
			},
			want: []string{"BENCHRIG_DIR={dir} is not writable by uid " + uid() + " (mode dr-xr-xr-x, owner uid " + uid() + "); make it writable (chmod u+wx {dir}) or " + useDefault},
			fix: func(t *testing.T, h *hintEnv, r hintRun) hintRun {
				require.NoError(t, os.Chmod(r.dir, 0o755)) // what chmod u+wx does to 0555
				return r
			}},
		{name: "unwritable dir of another user", code: 2, root: "a dir owned by another user",
			state: func(t *testing.T, h *hintEnv) hintRun {
				require.NoError(t, os.Mkdir(h.path("roots"), 0o755))
				return hintRun{dir: h.path("roots")}
			},
			want: []string{"BENCHRIG_DIR={dir} is not writable by uid 65534 (mode drwxr-xr-x, owner uid 0); " + useDefault},
			fix:  unsetDir},
		{name: "read-only mount", code: 2, root: "a read-only bind mount",
			state: func(t *testing.T, h *hintEnv) hintRun {
				h.mkdir(t, h.path("mnt"), 0o755)
				return hintRun{dir: h.path("mnt"), shell: `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0"`}
			},
			want: []string{"BENCHRIG_DIR={dir} is on a read-only mount ({dir}); remount it read-write (mount -o remount,rw {dir}) or " + useDefault},
			fix: func(t *testing.T, h *hintEnv, r hintRun) hintRun {
				r.shell += ` && mount -o remount,rw "$0"`
				return r
			}},
		{name: "tmpfs", code: 0, root: "a tmpfs mount",
			state: func(t *testing.T, h *hintEnv) hintRun {
				h.mkdir(t, h.path("tmpfs"), 0o755)
				return hintRun{dir: h.path("tmpfs"), shell: `mount -t tmpfs benchrig-test "$0"`}
			},
			want: []string{"# benchrig: {dir} is on tmpfs, which is not backed by a local block device, so its page cache cannot be evicted and proven cold; set BENCHRIG_DIR to a directory on a disk-backed filesystem (ext4, xfs, btrfs); benchmarks that need a disk skip, each saying so",
				"# benchrig: skip BenchmarkScratchSmoke: harness.RequireDisk: {dir}/run-"},
			fix: func(t *testing.T, h *hintEnv, r hintRun) hintRun {
				h.mkdir(t, h.path("disk"), 0o755)
				return hintRun{dir: h.path("disk")}
			}},
	}
}
