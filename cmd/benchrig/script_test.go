package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestScript runs the scripts in testdata/script, in the style of
// cmd/go's: benchrig is a command in them (TestMain), and
//
//	status N CMD ARGS...
//
// runs CMD and fails unless it exits with status N. Each script gets
// $TESTDATA (this package's testdata/gate), $BENCHRIG_ROOT (the checkout),
// the real module and build caches with GOPROXY=off, and a benchstat
// built once ($BENCHRIG_BENCHSTAT). Scripts that need go or git say so
// with [!exec:go] skip / [!exec:git] skip.
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	data, err := filepath.Abs("testdata/gate")
	require.NoError(t, err)
	env := map[string]string{"TESTDATA": data, "BENCHRIG_ROOT": root, "GOPROXY": "off", "GOTOOLCHAIN": "local"}
	if _, err := exec.LookPath("go"); err == nil {
		env["BENCHRIG_BENCHSTAT"] = buildBenchstat(t)
		for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
			out, err := exec.Command("go", "env", k).Output()
			require.NoError(t, err)
			env[k] = strings.TrimSpace(string(out))
		}
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *testutil.Update,
		Setup: func(e *testscript.Env) error {
			for k, v := range env {
				e.Setenv(k, v)
			}
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			e.Setenv("BENCHRIG_DIR", filepath.Join(e.WorkDir, "scratch"))
			e.Setenv("BENCHRIG_RESULTS", filepath.Join(e.WorkDir, "results"))
			for _, kv := range []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1"} {
				k, v, _ := strings.Cut(kv, "=")
				e.Setenv(k, v)
			}
			return os.MkdirAll(filepath.Join(e.WorkDir, "scratch"), 0o755)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"status": status, "synth": synth},
	})
}

// status is the script command "status N CMD ARGS...".
func status(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N CMD ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// buildBenchstat builds the benchstat go.mod pins into a temp dir.
func buildBenchstat(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "benchstat")
	out, err := exec.Command("go", "build", "-o", bin, "golang.org/x/perf/cmd/benchstat").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// synth is the script command "synth N STEP [PKG]": it writes result
// files c00.txt ... for N commits of machine m1, whose BenchmarkA ns/op
// in package PKG (default example.com/p) is 100 (5 samples, a fixed ±1%
// pattern) and 110 from commit STEP on.
func synth(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: synth N STEP [PKG]")
	}
	pkg := "example.com/p"
	if len(args) == 3 {
		pkg = args[2]
	}
	n, err1 := strconv.Atoi(args[0])
	step, err2 := strconv.Atoi(args[1])
	ts.Check(errors.Join(err1, err2))
	for i := range n {
		mean := 100.0
		if i >= step {
			mean = 110
		}
		var b strings.Builder
		fmt.Fprintf(&b, "machine: m1\nbenchrig: test\nrun: %d\npkg: %s\n", i, pkg)
		for k := range 5 {
			fmt.Fprintf(&b, "BenchmarkA-2 \t 1\t %.2f ns/op\n", mean*(1+0.01*float64(k-2)/2))
		}
		b.WriteString("PASS\n")
		ts.Check(os.WriteFile(ts.MkAbs(fmt.Sprintf("c%02d.txt", i)), []byte(b.String()), 0o644))
	}
}
