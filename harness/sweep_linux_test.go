package harness

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/scratch/scratchtest"
)

// TestSweepAdversarialEndToEnd: a benchmark run (Main with -test.bench)
// over a BENCHRIG_DIR holding every shape of entry that only looks like a
// run, other users' runs and processes (as root), a mount inside a dead run
// (as root) and a run killed with a process it started still alive: the
// run's sweep removes the dead runs and kills what they started, and
// changes nothing else and signals nothing else.
func TestSweepAdversarialEndToEnd(t *testing.T) {
	root := t.TempDir()
	base, outside := filepath.Join(root, "base"), filepath.Join(root, "outside")
	require.NoError(t, os.Mkdir(base, 0o755))
	require.NoError(t, os.Mkdir(outside, 0o755))
	require.NoError(t, os.Chmod(root, 0o755)) // another user's process may start here
	a := scratchtest.Build(t, base, outside, scratchtest.Options{
		DeadRun: func(b string) (string, int) { return killedRun(t, b) },
		Root:    true,
	})
	out, err := childCmd(t, "main", base, "-test.run", "^$", "-test.bench", "^BenchmarkNothing$").CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("the run's output:\n%s", out)
	a.Check(t, string(out))
}
