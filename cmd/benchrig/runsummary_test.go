package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunSummaryPartial shows the summary of a run stopped by Ctrl-C: the
// runner ends the file with an interrupted: line, and the summary covers
// what finished, marked partial.
func TestRunSummaryPartial(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stopped.txt")
	data := "machine: mine\nbenchrig: v1\nshort: off\npkg: github.com/benchrig/benchrig/bench/falseshare\n" +
		"BenchmarkFalseSharing/layout=packed/goroutines=2-2 \t 100\t 20.0 ns/op\n" +
		"\ninterrupted: sigint\n# benchrig: interrupted: the run was stopped by a signal; the results before this line are incomplete\n"
	require.NoError(t, os.WriteFile(out, []byte(data), 0o644))
	var stdout, stderr bytes.Buffer
	require.NoError(t, printRunSummary(&stdout, &stderr, out, ""))
	assert.Contains(t, stderr.String(), "benchrig: summary")
	assert.Contains(t, stderr.String(), "Partial: "+out+":7: the run was interrupted (sigint); its results are partial; this summary covers what finished.")
	assert.Contains(t, stderr.String(), "Not run here: directio, mmap, modres.")
}
