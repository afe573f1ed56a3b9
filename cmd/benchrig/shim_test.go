package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBenchstatSh runs the benchstat.sh shim from testdata/gate with
// relative paths: the old command names reach benchrig, and the exit
// status passes through unchanged.
func TestBenchstatSh(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"help"}, 0},
		{"gate pass", []string{"gate", "base.txt", "head_pass.txt"}, 0},
		{"gate regression", []string{"gate", "base.txt", "head_regress.txt"}, 1},
		{"gate few samples", []string{"gate", "few_base.txt", "few_head.txt"}, 2},
		{"calibrate is power", []string{"calibrate", "-runs", "0"}, 2},
		{"compare", []string{"compare", "base.txt", "head_pass.txt"}, 0},
		{"compare a missing file", []string{"compare", "base.txt", "nope.txt"}, 2},
		{"no command", nil, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(script, tc.args...)
			cmd.Dir = "testdata/gate"
			out, err := cmd.CombinedOutput()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.code, code, "%s", out)
		})
	}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		out, err := exec.Command(sc, script).CombinedOutput()
		assert.NoError(t, err, "shellcheck: %s", out)
	}
}
