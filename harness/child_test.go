package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childEnv selects what the re-executed test binary does (see TestMain).
const childEnv = "BENCHRIG_HARNESS_TEST_CHILD"

// TestMain doubles as the body of child processes for the tests that need a
// process to die, hold a lock or run Main end to end.
func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		Main(m, Family{Name: "harness"})
	case "kill": // create a run dir with a file in it, then die without cleanup
		dir, err := theRun.dir()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		if err := os.WriteFile(filepath.Join(dir, "data"), []byte("x"), 0o644); err != nil {
			os.Exit(3)
		}
		// A stray the dead run leaves: an orphan working in its dir.
		stray := exec.Command("sleep", "300")
		stray.Dir = dir
		stray.SysProcAttr = strayAttr()
		if err := stray.Start(); err != nil {
			os.Exit(3)
		}
		fmt.Println(dir)
		fmt.Println(stray.Process.Pid)
		os.Stdout.Sync()
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Kill() // SIGKILL: no deferred cleanup, no signal handler
		}
		time.Sleep(time.Minute)
	case "killin": // create this run's dir in $EXTRA, print it, then die
		dir, err := RunDirIn(os.Getenv("EXTRA"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println(dir)
		os.Stdout.Sync()
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute)
	case "hold": // create a run dir, print it, hold it until stdin closes
		dir, err := theRun.dir()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println(dir)
		os.Stdin.Read(make([]byte, 1))
		if err := theRun.close(); err != nil {
			os.Exit(4)
		}
		os.Exit(0)
	case "main": // run Main for real
		Main(m, Family{Name: "harness"})
	case "signal": // run Main for real, with a family key to unset
		Main(m, Family{Name: "harness", Keys: []string{"harness-key"}})
	case "family": // run Main for a throwaway family, as a fifth bench package would
		Main(m, toyFamily)
	default:
		fmt.Fprintf(os.Stderr, "unknown %s\n", childEnv)
		os.Exit(3)
	}
}

// childCmd returns a command re-running this test binary in mode with
// BENCHRIG_DIR=base.
func childCmd(t *testing.T, mode, base string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"="+mode, envDir+"="+base)
	return cmd
}

// killedRun runs the "kill" child, which dies by SIGKILL leaving a run dir
// in base and a stray process working in it, and returns both.
func killedRun(t *testing.T, base string) (dir string, stray int) {
	t.Helper()
	out, err := childCmd(t, "kill", base).Output()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	require.Equal(t, syscall.SIGKILL, ee.Sys().(syscall.WaitStatus).Signal())
	lines := strings.Fields(string(out))
	require.Len(t, lines, 2, "dir and stray pid: %q", out)
	pid, err := strconv.Atoi(lines[1])
	require.NoError(t, err)
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	require.DirExists(t, lines[0])
	require.FileExists(t, lines[0]+lockSuffix)
	require.False(t, gone(pid), "the stray runs until a sweep")
	return lines[0], pid
}

// assertStrayKilled checks that the sweep that logged log killed stray.
func assertStrayKilled(t *testing.T, log, dir string, stray int) {
	t.Helper()
	assert.Contains(t, log, fmt.Sprintf("killed 1 process(es) [%d] that the dead run %s started", stray, dir))
	assert.Eventually(t, func() bool { return gone(stray) }, 10*time.Second, 10*time.Millisecond, "the sweep kills the stray")
}

// useBase points BENCHRIG_DIR at a fresh temp dir for this test and closes
// the process's run (removing its dir) when the test ends.
func useBase(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	t.Setenv(envDir, base)
	require.NoError(t, theRun.close())
	t.Cleanup(func() { assert.NoError(t, theRun.close()) })
	return base
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}
