package harness

import (
	"bytes"
	"fmt"
	"io"
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

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/testutil"
)

// readyEnv names the file BenchmarkInterruptedChild writes its helpers'
// PIDs to once it is busy.
const readyEnv = "BENCHRIG_HARNESS_TEST_READY"

// BenchmarkInterruptedChild is TestMainSignal's child: it starts a child of
// its own (in its own process group, via internal/child) and a stray process
// outside it, both using its scratch dir, says so in the ready file, and
// then writes files into the dir until that fails, as a storage benchmark
// racing the removal of its scratch would. It skips in ordinary runs.
func BenchmarkInterruptedChild(b *testing.B) {
	ready := os.Getenv(readyEnv)
	if os.Getenv(childEnv) != "signal" || ready == "" {
		b.Skip("only runs as the child of TestMainSignal")
	}
	dir := Dir(b, 0)
	kid := child.Command("sleep", "300")
	kid.Dir = dir
	started := make(chan error, 1)
	go func() {
		err := child.Start(kid)
		started <- err
		if err == nil {
			_ = child.Wait(kid)
		}
	}()
	if err := <-started; err != nil {
		b.Fatal(err)
	}
	stray := exec.Command("sleep", "300")
	stray.Env = append(os.Environ(), "TMPDIR="+dir)
	stray.SysProcAttr = strayAttr()
	if err := stray.Start(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(ready, fmt.Appendf(nil, "%d %d", kid.Process.Pid, stray.Process.Pid), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; ; i++ {
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i%64)), []byte("x"), 0o644); err != nil {
			b.Fatalf("write: %v", err) // the fake failure an interrupt must not print
		}
	}
}

// TestMainSignal: SIGINT or SIGTERM mid-benchmark ends the run with one
// interrupted line, no failure lines, no process of the run alive, an empty
// BENCHRIG_DIR and 130 or 143, every time.
func TestMainSignal(t *testing.T) {
	testutil.RequireLinux(t)
	rounds := 5
	if testing.Short() {
		rounds = 2
	}
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		code int
	}{
		{"sigint", syscall.SIGINT, 130},
		{"sigterm", syscall.SIGTERM, 143},
	} {
		for i := range rounds {
			t.Run(fmt.Sprintf("%s/%d", tc.name, i), func(t *testing.T) {
				interruptOnce(t, tc.sig, tc.name, tc.code)
			})
		}
	}
}

func interruptOnce(t *testing.T, sig syscall.Signal, name string, code int) {
	base, ready := t.TempDir(), filepath.Join(t.TempDir(), "ready")
	var stdout, stderr bytes.Buffer
	cmd := childCmd(t, "signal", base, "-test.run=^$", "-test.bench=^BenchmarkInterruptedChild$", "-test.benchtime=1x")
	cmd.Env = append(cmd.Env, readyEnv+"="+ready)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	var pids []int
	require.Eventually(t, func() bool {
		f, err := os.Open(ready)
		if err != nil {
			return false
		}
		defer f.Close()
		pids = readPids(f)
		return len(pids) == 2
	}, 30*time.Second, 5*time.Millisecond, "the child never got busy: %s", &stderr)
	require.NoError(t, cmd.Process.Signal(sig))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "stderr: %s", &stderr)
	assert.Equal(t, code, ee.ExitCode(), "stderr: %s", &stderr)
	assert.Equal(t, 1, strings.Count(stdout.String(), "\n"+InterruptedKey+": "), "stdout: %s", &stdout)
	assert.Contains(t, stdout.String(), "\n"+InterruptedKey+": "+name+"\n")
	assert.Contains(t, stdout.String(), "\nharness-key:\n", "the family's keys are unset after the line")
	assert.NotContains(t, stdout.String()+stderr.String(), "--- FAIL")
	assert.NotContains(t, stdout.String()+stderr.String(), "no such file")
	assert.Contains(t, stderr.String(), name+": stopped the benchmarks and removed this run's scratch dir")
	assertNoConfigLines(t, stderr.String())
	for _, pid := range pids {
		assert.Eventually(t, func() bool { return gone(pid) }, 10*time.Second, 10*time.Millisecond, "process %d outlived the run", pid)
	}
	assert.Empty(t, names(t, base), "nothing left behind")
}

func readPids(r io.Reader) []int {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil
	}
	var pids []int
	for _, f := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// gone reports whether pid has exited (a zombie counts: it holds nothing).
func gone(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	_, after, ok := bytes.Cut(b, []byte(") "))
	return ok && len(after) > 0 && (after[0] == 'Z' || after[0] == 'X')
}
