package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the tests run the command in a child process (to signal
// it): with BENCHRIG_AS_MAIN=1 the test binary is benchrig. In scripts
// (TestScript) benchrig is a command.
func TestMain(m *testing.M) {
	if os.Getenv("BENCHRIG_AS_MAIN") == "1" {
		os.Exit(run(os.Stdout, os.Stderr, os.Args[1:]))
	}
	testscript.Main(m, map[string]func(){
		"benchrig": func() { os.Exit(run(os.Stdout, os.Stderr, os.Args[1:])) },
	})
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(&stdout, &stderr, []string{"help"}))
	testutil.Golden(t, "testdata/help.txt", stdout.Bytes())
	stdout.Reset()
	require.Equal(t, 0, run(&stdout, &stderr, []string{"ab", "-h"}))
	testutil.Golden(t, "testdata/help-ab.txt", stderr.Bytes())
}

func TestBadArguments(t *testing.T) {
	t.Setenv("BENCHRIG_DIR", t.TempDir()) // nothing may be created in it
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "benchrig <command> [arguments]"},
		{"unknown command", []string{"bench"}, `unknown command "bench"`},
		{"near a command", []string{"gaet"}, `did you mean "gate"?`},
		{"help of an unknown command", []string{"help", "calibrat"}, `unknown command "calibrat"`},
		{"count without value", []string{"run", "-count"}, "flag needs an argument: -count"},
		{"count zero", []string{"run", "-count", "0"}, "-count 0: want a positive number"},
		{"count not a number", []string{"ab", "A", "B", "-count", "x"}, `invalid value "x" for flag -count`},
		{"two labels", []string{"run", "a", "b"}, "want at most one LABEL"},
		{"label with slash", []string{"run", "a/b"}, `LABEL "a/b" must be a non-empty file name`},
		{"budget malformed", []string{"ab", "A", "B", "-budget", "10x"}, `invalid value "10x" for flag -budget`},
		{"target malformed", []string{"ab", "A", "B", "-target", "abc"}, `invalid value "abc" for flag -target: want a percentage`},
		{"target zero", []string{"ab", "A", "B", "-target", "0%"}, `invalid value "0%" for flag -target: want an effect above 0% and below 100%`},
		{"target too large", []string{"ab", "A", "B", "-target", "100"}, `invalid value "100" for flag -target: want an effect above 0%`},
		{"quiet malformed", []string{"ab", "A", "B", "-quiet", "soon"}, `invalid value "soon" for flag -quiet`},
		{"budget negative", []string{"ab", "A", "B", "-budget", "-1m"}, "must not be negative"},
		{"format", []string{"ab", "A", "B", "-format", "yaml"}, `-format "yaml"`},
		{"one revision", []string{"ab", "A"}, `want two revisions A B, got ["A"]`},
		{"unknown flag", []string{"ab", "A", "B", "-fast"}, "flag provided but not defined: -fast"},
		{"power runs", []string{"power", "-runs", "0"}, "-runs 0: want a positive number"},
		{"power effects", []string{"power", "-effects", "1.05,x"}, `-effects "1.05,x": want scales`},
		{"power target", []string{"power", "-target", "5x"}, `invalid value "5x" for flag -target`},
		{"power argument", []string{"power", "now"}, `no arguments wanted, got ["now"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 2, run(&stdout, &stderr, tc.args))
			assert.Contains(t, stderr.String(), tc.want)
			assert.Empty(t, abruntest.Entries(t, os.Getenv("BENCHRIG_DIR")))
		})
	}
}

// start runs benchrig with args in a child process in r, and returns once
// a benchmark binary is running (it sleeps an hour).
func start(t *testing.T, r *abruntest.Repo, scratch string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	log := filepath.Join(t.TempDir(), "log")
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), "BENCHRIG_AS_MAIN=1", "BENCHRIG_DIR="+scratch, "FAKE_SLEEP=1h", "FAKE_LOG="+log)
	var stderr bytes.Buffer
	pipe, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		stderr.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "pair 1 of") {
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	require.Eventually(t, func() bool { _, err := os.Stat(log); return err == nil }, time.Minute, 10*time.Millisecond, "a benchmark started: %s", stderr.String())
	return cmd, &stderr
}

// ours lists live processes whose executable is under dir.
func ours(dir string) []string {
	var found []string
	exes, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, e := range exes {
		if p, err := os.Readlink(e); err == nil && strings.HasPrefix(p, dir) {
			found = append(found, e+" -> "+p)
		}
	}
	return found
}

func TestSignalMidABCleansUp(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		code int
	}{{"SIGINT", syscall.SIGINT, 130}, {"SIGTERM", syscall.SIGTERM, 143}} {
		t.Run(tc.name, func(t *testing.T) {
			r, scratch := abruntest.New(t), t.TempDir()
			cmd, stderr := start(t, r, scratch, "ab", "HEAD~1", "HEAD", "-count", "6", "-bench", "Work", "-benchtime", "1x", "-results", t.TempDir())
			require.NoError(t, cmd.Process.Signal(tc.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, stderr.String())
			assert.Equal(t, tc.code, ee.ExitCode())
			assert.Len(t, r.Worktrees(t), 1, "git worktree list is clean")
			assert.Empty(t, abruntest.Entries(t, scratch), "no scratch left")
			assert.Empty(t, ours(scratch), "no benchmark process left")
		})
	}
}

func TestSIGKILLSweptByNextRun(t *testing.T) {
	testutil.RequireLinux(t)
	r, scratch := abruntest.New(t), t.TempDir()
	cmd, _ := start(t, r, scratch, "ab", "HEAD~1", "HEAD", "-count", "6", "-bench", "Work", "-benchtime", "1x", "-results", t.TempDir())
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	assert.Eventually(t, func() bool { return len(ours(scratch)) == 0 }, 10*time.Second, 10*time.Millisecond, "the benchmark child died with its parent")
	require.NotEmpty(t, abruntest.Entries(t, scratch), "SIGKILL leaves the work dir")
	require.Len(t, r.Worktrees(t), 3, "and the worktrees")

	t.Chdir(r.Dir)
	t.Setenv("BENCHRIG_DIR", scratch)
	var stdout, stderr bytes.Buffer
	code := run(&stdout, &stderr, []string{"run", "-count", "1", "-bench", "Other", "-benchtime", "1x", "-results", t.TempDir(), "label"})
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stderr.String(), "swept ")
	assert.Empty(t, abruntest.Entries(t, scratch))
	assert.Len(t, r.Worktrees(t), 1, "git worktree prune ran")
}

func TestABExitCodes(t *testing.T) {
	r, scratch := abruntest.New(t), t.TempDir()
	t.Chdir(r.Dir)
	t.Setenv("BENCHRIG_DIR", scratch)
	ab := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		args = append([]string{"ab"}, append(args, "-count", "6", "-bench", "Work", "-benchtime", "1x", "-results", t.TempDir())...)
		return run(&stdout, &stderr, args), stdout.String(), stderr.String()
	}
	code, out, _ := ab("HEAD~1", "HEAD")
	assert.Equal(t, 1, code, "a tenfold slowdown is a regression: %s", out)

	r.Write(t, "p/p_test.go", "package p\n\nfunc broken( {\n")
	r.Commit(t, "broken")
	code, _, errOut := ab("HEAD~1", "HEAD")
	assert.Equal(t, 2, code, "a build error is never read as a regression")
	assert.Contains(t, errOut, "revision HEAD (B, ")
	assert.Contains(t, errOut, ") does not build")
	assert.Empty(t, abruntest.Entries(t, scratch))
	assert.Len(t, r.Worktrees(t), 1)
}
