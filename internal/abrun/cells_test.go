package abrun

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCellWatch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells int
		want  []string
	}{
		{"first iteration: cells unknown", 0, []string{"cell 1 done, BenchmarkX/a=1-2 (0m00s)", "cell 2 done, BenchmarkX/a=2-2"}},
		{"later iterations: of N with an ETA", 2, []string{"cell 1 of 2 done, BenchmarkX/a=1-2 (0m00s, package ETA 0m00s)", "cell 2 of 2 done"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			var log testutil.SyncBuffer
			w := newCellWatch(&out, &log, "iteration 1 of 1, x", tc.cells, time.Hour)
			in := "goos: linux\nBenchmarkX/a=1-2 \t 10\t 5 ns/op\n# benchrig: note\nBenchmarkX/a=2-2 \t"
			_, err := w.Write([]byte(in))
			require.NoError(t, err)
			_, err = w.Write([]byte(" 10\t 6 ns/op\nPASS\n"))
			require.NoError(t, err)
			assert.Equal(t, 2, w.finish())
			assert.Equal(t, in+" 10\t 6 ns/op\nPASS\n", out.String(), "the results file gets every byte")
			for _, s := range tc.want {
				assert.Contains(t, log.String(), s)
			}
		})
	}
}

// TestCellWatchHeartbeat shows a long cell named while it runs: the
// testing package prints the name before the cell starts.
func TestCellWatchHeartbeat(t *testing.T) {
	var out bytes.Buffer
	var log testutil.SyncBuffer
	w := newCellWatch(&out, &log, "iteration 1 of 1, x", 0, 40*time.Millisecond)
	_, err := w.Write([]byte("BenchmarkSlow/cell=1-2 \t"))
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "still running BenchmarkSlow/cell=1-2") }, 5*time.Second, 10*time.Millisecond)
	w.finish()
}

func TestHeartbeat(t *testing.T) {
	var log testutil.SyncBuffer
	err := heartbeat(&log, "compiling p", 20*time.Millisecond, func() error {
		time.Sleep(70 * time.Millisecond)
		return nil
	})
	require.NoError(t, err)
	assert.Contains(t, log.String(), "benchrig: still compiling p, 0m00s\n")
	n := strings.Count(log.String(), "still")
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, n, strings.Count(log.String(), "still"), "no line after fn returned")
}
