package harness

import (
	"os/exec"
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMainIteration: BENCHRIG_ITERATION, which go tool benchrig run sets,
// must be a positive integer; anything else stops a benchmark run with exit
// status 2 before any benchmark starts, naming the variable.
func TestMainIteration(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name, value string
		ok          bool
	}{
		{"first", "1", true},
		{"second", "2", true},
		{"zero", "0", false},
		{"negative", "-1", false},
		{"word", "two", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := childCmd(t, "main", t.TempDir(), "-test.run=^$", "-test.bench=^BenchmarkScratchSmoke$", "-test.benchtime=1x")
			cmd.Env = append(cmd.Env, envIteration+"="+tc.value)
			out, err := cmd.CombinedOutput()
			if tc.ok {
				require.NoError(t, err, "%s", out)
				assert.Contains(t, string(out), "BenchmarkScratchSmoke")
				return
			}
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "%s", out)
			assert.Equal(t, 2, ee.ExitCode())
			assert.Contains(t, string(out), envIteration+"="+tc.value+": not a positive integer")
			assert.NotContains(t, string(out), "BenchmarkScratchSmoke")
		})
	}
}
