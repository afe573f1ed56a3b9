package testutil

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// RerunIsolated runs this test binary again with args (for example
// "-test.run", "^TestX$", or "-test.bench", "."), with HOME and TMPDIR
// pointed at two new empty dirs and BENCHRIG_DIR at a third, and fails tb
// when the run fails or leaves anything in any of the three: what a run
// would write to the user's home or /tmp lands there instead. New entries
// in /tmp and /var/tmp are logged, not failed on (other processes on the
// machine create them too). command and run make and run the process
// (internal/child's Command and Run in benchrig, which this package does not
// import). It returns the run's combined output.
func RerunIsolated(tb testing.TB, command func(name string, args ...string) *exec.Cmd, run func(*exec.Cmd) error, args ...string) string {
	tb.Helper()
	home, tmp, scratch := tb.TempDir(), tb.TempDir(), tb.TempDir()
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return name == "HOME" || name == "TMPDIR" || name == "BENCHRIG_DIR"
	})
	env = append(env, "HOME="+home, "TMPDIR="+tmp, "BENCHRIG_DIR="+scratch)
	before := map[string][]string{"/tmp": entries(tb, "/tmp"), "/var/tmp": entries(tb, "/var/tmp")}
	cmd := command(os.Args[0], args...)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(tb, run(cmd), "rerun %v failed:\n%s", args, out.String())
	for _, d := range []string{home, tmp, scratch} {
		assert.Empty(tb, walk(tb, d), "the run left files in %s (HOME, TMPDIR or BENCHRIG_DIR)", d)
	}
	for d, was := range before {
		for _, e := range entries(tb, d) {
			if !slices.Contains(was, e) {
				tb.Logf("new in %s during the run (ours or another process's): %s", d, e)
			}
		}
	}
	return out.String()
}

// entries lists the names in dir; nil when it cannot be read.
func entries(tb testing.TB, dir string) []string {
	tb.Helper()
	des, _ := os.ReadDir(dir)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

// walk lists every path below dir, relative to it.
func walk(tb testing.TB, dir string) []string {
	tb.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if p != dir {
			out = append(out, strings.TrimPrefix(p, dir+string(filepath.Separator)))
		}
		return nil
	})
	return out
}
