package bench

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBadKnobsExit2 builds each family's test binary (go test -c) and runs it
// as a benchmark run (-test.run=^$ -test.bench=. -test.benchtime=1x) once for
// every bad knob setting the family lists in testdata/bad-knobs.txt: each run
// must stop with exit status 2, a configuration error like a bad
// BENCHRIG_DIR, before any benchmark starts, and say which variable and
// value are wrong in a "# benchrig:" note. A control run without knobs gets
// past the family's Setup (exit 0). A new family lists its knobs in its own
// folder; nothing here changes.
func TestBadKnobsExit2(t *testing.T) {
	lists, err := filepath.Glob(filepath.Join("*", "testdata", "bad-knobs.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, lists, "no family lists bad knobs")
	for _, list := range lists {
		family := filepath.Dir(filepath.Dir(list))
		t.Run(family, func(t *testing.T) {
			exe := filepath.Join(t.TempDir(), family+".test")
			out, err := exec.Command("go", "test", "-c", "-o", exe, "./"+family).CombinedOutput()
			require.NoError(t, err, "go test -c ./%s: %s", family, out)

			code, stdout, stderr := runBench(t, exe, family, "^NoSuchBenchmark$", nil)
			assert.Equal(t, 0, code, "control run without knobs: %s", stderr)
			assert.NotContains(t, stdout, "FAIL")
			for _, line := range badKnobs(t, list) {
				t.Run(line, func(t *testing.T) {
					env := strings.Fields(line)
					code, stdout, stderr := runBench(t, exe, family, ".", env)
					assert.Equal(t, 2, code, "stderr: %s", stderr)
					assert.NotContains(t, stdout, "Benchmark", "a benchmark ran")
					assert.Contains(t, stderr, "# benchrig: "+env[len(env)-1]+":", "the error names the variable and its value")
				})
			}
		})
	}
}

// badKnobs returns the cases of a bad-knobs.txt: its lines that are neither
// empty nor comments.
func badKnobs(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	require.NotEmpty(t, lines, "%s lists no cases", path)
	return lines
}

// runBench runs the test binary exe in its package dir with a scratch
// BENCHRIG_DIR and env, as go test -run '^$' -bench bench -benchtime 1x
// would, and returns its exit code, stdout and stderr.
func runBench(t *testing.T, exe, dir, bench string, env []string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^$", "-test.bench="+bench, "-test.benchtime=1x")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "BENCHRIG_DIR="+t.TempDir()), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stdout.String(), stderr.String()
	}
	require.NoError(t, err)
	return 0, stdout.String(), stderr.String()
}
