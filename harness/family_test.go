package harness

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// toyFamily is a throwaway fifth family: everything the harness needs to know
// about a new bench package is this declaration in its own TestMain.
var toyFamily = Family{
	Name:  "toy",
	Units: []string{"widgets/s", "glue-B/op"},
	Keys:  []string{"toy-mode", "toy-extra"},
	Setup: func() ([]Config, error) {
		k := Family{Name: "toy"}.Knob("SIZE")
		if v, ok := os.LookupEnv(k); ok {
			if _, err := ParseSize(v); err != nil {
				return nil, fmt.Errorf("%s=%s: %w", k, v, err)
			}
		}
		return []Config{{"toy-mode", "fast lane"}}, nil
	},
}

// BenchmarkToyReport reports a declared unit and, when asked, one nobody
// declared.
func BenchmarkToyReport(b *testing.B) {
	for b.Loop() {
	}
	Report(b, 42, "widgets/s")
	Report(b, 7, "read-B/op")
}

func BenchmarkToyUndeclared(b *testing.B) {
	for b.Loop() {
	}
	Report(b, 1, "gizmos/op")
}

// TestFamilyToy runs Main for the throwaway family end to end: its config
// keys follow the environment, its units get Unit lines with the shared
// direction rule, its keys are unset when the package ends, and a unit it did
// not declare fails the benchmark.
func TestFamilyToy(t *testing.T) {
	testutil.RequireLinux(t)
	var stdout, stderr bytes.Buffer
	cmd := childCmd(t, "family", t.TempDir(), "-test.run=^$", "-test.bench=^BenchmarkToyReport$", "-test.benchtime=1x")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	out := stdout.String()
	lines := strings.Split(out, "\n")
	assert.Contains(t, lines, "toy-mode: fast_lane")
	assert.Contains(t, lines, "toy-extra: unknown", "a declared key Setup leaves out is unknown, never a guess")
	assert.Contains(t, lines, "Unit widgets/s better=higher")
	assert.Contains(t, lines, "Unit glue-B/op better=lower")
	assert.Less(t, strings.Index(out, "benchrig: "), strings.Index(out, "toy-mode: "), "family keys follow the environment")
	assert.Less(t, strings.Index(out, "BenchmarkToyReport"), strings.Index(out, "\ntoy-mode:\n"), "keys unset after the results")
	assert.Contains(t, lines, "toy-extra:")
	assert.Contains(t, out, "42.00 widgets/s")

	stdout.Reset()
	stderr.Reset()
	cmd = childCmd(t, "family", t.TempDir(), "-test.run=^$", "-test.bench=^BenchmarkToyUndeclared$", "-test.benchtime=1x")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var ee *exec.ExitError
	require.True(t, errors.As(cmd.Run(), &ee), "an undeclared unit fails the run; stdout: %s", stdout.String())
	assert.Contains(t, stdout.String(), `unit "gizmos/op" is not declared by the harness or by family toy`)
}

// TestConfigErrorsExit2: a bad BENCHRIG_DIR and a bad knob are the same
// kind of error, configuration, with the same exit status, 2, and a message
// naming the variable; nothing runs.
func TestConfigErrorsExit2(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct{ name, dir, knob, want string }{
		{"missing dir", "/nonexistent/benchrig", "", "BENCHRIG_DIR=/nonexistent/benchrig does not exist"},
		{"knob not a size", "", "abc", "BENCHRIG_TOY_SIZE=abc: size \"abc\": want a positive integer"},
		{"knob zero", "", "0", "BENCHRIG_TOY_SIZE=0: size \"0\": must be positive"},
		{"knob SI unit", "", "64MB", "BENCHRIG_TOY_SIZE=64MB: size \"64MB\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir
			if dir == "" {
				dir = t.TempDir()
			}
			var stdout, stderr bytes.Buffer
			cmd := childCmd(t, "family", dir, "-test.run=^$", "-test.bench=^BenchmarkToyReport$", "-test.benchtime=1x")
			if tc.knob != "" {
				cmd.Env = append(cmd.Env, "BENCHRIG_TOY_SIZE="+tc.knob)
			}
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			var ee *exec.ExitError
			require.ErrorAs(t, cmd.Run(), &ee)
			assert.Equal(t, 2, ee.ExitCode())
			assert.Contains(t, stderr.String(), logPrefix+tc.want)
			assert.NotContains(t, stdout.String(), "BenchmarkToyReport", "nothing runs")
		})
	}
}

func TestFamilyValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Family
		want string
	}{
		{"ok", toyFamily, ""},
		{"no name", Family{}, `family name ""`},
		{"upper name", Family{Name: "Toy"}, `family name "Toy"`},
		{"harness unit", Family{Name: "toy", Units: []string{"ns/op"}}, "unit ns/op is the harness's own"},
		{"spaced unit", Family{Name: "toy", Units: []string{"a b"}}, `unit "a b"`},
		{"env key", Family{Name: "toy", Keys: []string{"machine"}}, "config key machine is the environment's"},
		{"bad key", Family{Name: "toy", Keys: []string{"Toy"}}, `config key "Toy"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.validate()
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

func TestFamilyConfig(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func() ([]Config, error)
		want  []Config
		err   string
	}{
		{"no setup", nil, []Config{{"a", unknown}, {"b", unknown}}, ""},
		{"in declared order", func() ([]Config, error) { return []Config{{"b", "2"}, {"a", "1"}}, nil }, []Config{{"a", "1"}, {"b", "2"}}, ""},
		{"undeclared", func() ([]Config, error) { return []Config{{"c", "3"}}, nil }, nil, `config key "c" that Keys does not declare`},
		{"knob error", func() ([]Config, error) { return nil, errors.New("BENCHRIG_TOY_N=x: not a number") }, nil, "BENCHRIG_TOY_N=x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Family{Name: "toy", Keys: []string{"a", "b"}, Setup: tc.setup}.config()
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFamilyKnob(t *testing.T) {
	assert.Equal(t, "BENCHRIG_DIRECTIO_FILE_SIZE", Family{Name: "directio"}.Knob("FILE_SIZE"))
}
