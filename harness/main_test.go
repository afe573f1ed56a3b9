package harness

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
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

func TestHeaderGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, writeConfig(&buf, []Config{
		{"machine", "lab box 1"}, {"fs", "ext4"}, {"device", ""}, {"pinning", "yes"},
	}))
	require.NoError(t, writeUnits(&buf, append(Units(), "adds/s")))
	unsetKeys(&buf, []string{"pinning"})
	testutil.Golden(t, filepath.Join("testdata", "header.golden"), buf.Bytes())
}

func TestWriteConfigRejectsBadKeys(t *testing.T) {
	for _, tc := range []struct{ name, key string }{
		{"empty", ""}, {"space", "my key"}, {"colon", "a:b"}, {"upper", "Machine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := writeConfig(&bytes.Buffer{}, []Config{{tc.key, "v"}})
			assert.ErrorContains(t, err, "config key")
		})
	}
}

func TestCleanValue(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "ext4", "ext4"},
		{"empty", "", "unknown"},
		{"blank", "  \t", "unknown"},
		{"spaces", " lab  box\t1 ", "lab_box_1"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, cleanValue(tc.in)) })
	}
}

// TestMainEndToEnd runs Main in a child with -test.bench: it sweeps what a
// killed run left, prints config and Unit lines, runs the benchmark and
// leaves BENCHRIG_DIR empty.
func TestMainEndToEnd(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("run dirs are locked with flock; Linux only")
	}
	base := t.TempDir()
	deadDir, stray := killedRun(t, base)

	var stdout, stderr bytes.Buffer
	cmd := childCmd(t, "main", base, "-test.run=^$", "-test.bench=^BenchmarkScratchSmoke$", "-test.benchtime=3x")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	for _, k := range EnvKeys() {
		assert.Regexp(t, "(?m)^"+k+": [^ ]+$", stdout.String())
	}
	assert.Contains(t, stdout.String(), "Unit MB/s better=higher\n")
	assert.Contains(t, stdout.String(), "Unit p99.9-ns better=lower\n")
	assert.Regexp(t, `(?m)^BenchmarkScratchSmoke.* [0-9.]+ other-cpus\s+0 other-runs\s.* [0-9.]+ steal-cpus`, stdout.String(), "Meter.Report says how busy the machine was")
	assert.Contains(t, stderr.String(), "swept "+deadDir)
	assertStrayKilled(t, stderr.String(), deadDir, stray)
	assertNoConfigLines(t, stderr.String())
	assert.Empty(t, names(t, base), "BENCHRIG_DIR must be left empty")
}

// BenchmarkScratchSmoke exercises Dir, Cold, Meter and Latency; it is also
// the benchmark TestMainEndToEnd runs through Main.
func BenchmarkScratchSmoke(b *testing.B) {
	RequireLinux(b)
	dir := Dir(b, 1<<20)
	f := filepath.Join(dir, "data")
	if err := os.WriteFile(f, bytes.Repeat([]byte("x"), 64<<10), 0o644); err != nil {
		b.Fatal(err)
	}
	RequireDisk(b, dir)
	m := StartMeter(b, Process, dir)
	var lat Latency
	for b.Loop() {
		m.Pause()
		Cold(b, f)
		m.Resume()
		t0 := time.Now()
		if _, err := os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
		lat.Record(time.Since(t0))
	}
	m.Report(b, int64(b.N))
	lat.Report(b)
}

// TestBenchPackagesReportThroughHarness: bench packages report metrics with
// harness.Report, which checks the unit against the family's declaration,
// never with b.ReportMetric directly.
func TestBenchPackagesReportThroughHarness(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "bench", "*", "*.go"))
	require.NoError(t, err)
	if len(files) == 0 {
		t.Skip("no bench packages beside the harness")
	}
	re := regexp.MustCompile(`\.ReportMetric\(`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.False(t, re.Match(b), "%s calls ReportMetric; use harness.Report so the unit is checked against the family's Units", f)
	}
}

// TestMainTestOnlyWritesNothing: without -test.bench, Main neither creates
// the default BENCHRIG_DIR nor writes into a set one.
func TestMainTestOnlyWritesNothing(t *testing.T) {
	testutil.RequireLinux(t)
	t.Run("set", func(t *testing.T) {
		base := t.TempDir()
		out, err := childCmd(t, "main", base, "-test.run=^TestBetter$").CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Empty(t, names(t, base))
	})
	t.Run("default", func(t *testing.T) {
		cache := t.TempDir()
		cmd := childCmd(t, "main", "", "-test.run=^TestBetter$")
		cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+cache)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Empty(t, names(t, cache), "the default BENCHRIG_DIR is not created by test-only runs")
	})
	t.Run("default with benchmarks", func(t *testing.T) {
		cache := t.TempDir()
		cmd := childCmd(t, "main", "", "-test.run=^$", "-test.bench=^BenchmarkScratchSmoke$", "-test.benchtime=1x")
		cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+cache)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Equal(t, []string{"benchrig"}, names(t, cache), "benchmarks create the default")
		assert.Empty(t, names(t, filepath.Join(cache, "benchrig")), "and leave it empty")
	})
}

// TestMainShortBenchtime checks that -short implies -benchtime 100ms only
// when -benchtime was not given.
func TestMainShortBenchtime(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("run dirs are locked with flock; Linux only")
	}
	for _, tc := range []struct {
		name string
		args []string
		note bool
	}{
		{"short-without-benchtime", []string{"-test.short"}, true},
		{"short-with-benchtime", []string{"-test.short", "-test.benchtime=2x"}, false},
		{"not-short", []string{"-test.benchtime=2x"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"-test.run=^$", "-test.bench=^BenchmarkScratchSmoke$"}, tc.args...)
			cmd := childCmd(t, "main", t.TempDir(), args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
			assert.Contains(t, stdout.String(), "BenchmarkScratchSmoke")
			assertNoConfigLines(t, stderr.String())
			note := "using -benchtime " + shortBenchtime
			if tc.note {
				assert.Contains(t, stderr.String(), note)
			} else {
				assert.NotContains(t, stderr.String(), note)
			}
		})
	}
}

// configLine is benchfmt's notion of a file-level configuration line: a key
// that starts lowercase and has no spaces or upper case, then ": ".
var configLine = regexp.MustCompile(`^\p{Ll}[^\s\p{Lu}:]*:(\s|$)`)

// assertNoConfigLines checks that nothing the harness wrote to stderr would
// be read as a config line when go test folds stderr into the result stream.
func assertNoConfigLines(t *testing.T, stderr string) {
	t.Helper()
	for _, line := range strings.Split(stderr, "\n") {
		assert.False(t, configLine.MatchString(line), "stderr line reads as a benchfmt config line: %q", line)
	}
}

func TestConfigLinePattern(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		config     bool
	}{
		{"config", "benchrig: 1d3e943", true},
		{"empty-value", "pinning:", true},
		{"harness-note", logPrefix + "swept /x", false},
		{"capital", "Note: falseshare runs unpinned", false},
		{"benchmark", "BenchmarkX-2 1 2 ns/op", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.config, configLine.MatchString(tc.line))
		})
	}
}
