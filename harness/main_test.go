package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

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
