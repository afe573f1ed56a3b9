package scratch

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

	"github.com/stretchr/testify/require"
)

// childEnv selects what the re-executed test binary does (see TestMain).
const childEnv = "BENCHRIG_SCRATCH_TEST_CHILD"

// TestMain doubles as the body of child processes: "kill" creates a run in
// $BASE with a file and a stray process in it, prints both and dies by
// SIGKILL; "hold" creates a run, prints it and holds it until stdin
// closes; "holdtree" does so and also starts a "hold" child of its own.
func TestMain(m *testing.M) {
	base := os.Getenv("BASE")
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "kill":
		r := mustCreate(base)
		_ = os.WriteFile(filepath.Join(r.Dir, "data"), []byte("x"), 0o644)
		stray := exec.Command("sleep", "300") // inherits the run token
		stray.Dir = r.Dir
		stray.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := stray.Start(); err != nil {
			os.Exit(3)
		}
		fmt.Println(r.Dir)
		fmt.Println(stray.Process.Pid)
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute)
	case "hold", "holdtree":
		r := mustCreate(base)
		if os.Getenv(childEnv) == "holdtree" {
			exe, _ := os.Executable()
			sub := exec.Command(exe)
			sub.Env = append(os.Environ(), childEnv+"=hold")
			sub.Stdout = os.Stdout
			in, _ := sub.StdinPipe()
			defer in.Close()
			if err := sub.Start(); err != nil {
				os.Exit(3)
			}
		}
		fmt.Println(r.Dir)
		os.Stdin.Read(make([]byte, 1))
		os.Exit(0)
	}
	os.Exit(3)
}

func mustCreate(base string) *Run {
	r, err := Create(base, Prefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	return r
}

// child returns this test binary re-run in mode with BASE=base.
func child(t *testing.T, mode, base string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "BASE="+base)
	return cmd
}

// deadRun runs the "kill" child in base and returns its run dir and stray.
func deadRun(t *testing.T, base string) (string, int) {
	t.Helper()
	out, _ := child(t, "kill", base).Output()
	f := strings.Fields(string(out))
	require.Len(t, f, 2, "the kill child prints its dir and stray: %q", out)
	pid, err := strconv.Atoi(f[1])
	require.NoError(t, err)
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	return f[0], pid
}
