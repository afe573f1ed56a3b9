package abrun

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalibrate(t *testing.T) {
	scratch := t.TempDir()
	t.Setenv("BENCHRIG_DIR", scratch)
	results := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := Calibrate(context.Background(), CalibConfig{
		Runs: 1, Effects: []float64{10}, // a tenfold slowdown: caught even at one op a sample
		Flags:    BenchFlags{Bench: "^BenchmarkCalib$", Benchtime: "1x"},
		Sampling: Sampling{Count: 6},
		Decider:  GateDecider{},
		Results:  results,
		Stdout:   &stdout, Stderr: &stderr,
	})
	require.NoError(t, err, stderr.String())
	out := stdout.String()
	assert.Contains(t, out, "effect  gate failed")
	assert.Contains(t, out, "Calib/load=cpu  Calib/load=syscall")
	assert.Regexp(t, `\n\+0%\s+[01]/1 false alarms\s+[01]/1\s+[01]/1\s+[\d.ms]+\n`, out)
	assert.Regexp(t, `\n\+900%\s+1/1 caught\s+1/1\s+1/1\s+[\d.ms]+\n`, out)
	for _, f := range []string{"scale-1.00-run-1.a.txt", "scale-10.00-run-1.b.txt"} {
		assert.FileExists(t, filepath.Join(results, "calibrate", f))
	}
	b := readLines(t, filepath.Join(results, "calibrate", "scale-10.00-run-1.b.txt"))
	assert.Contains(t, b, "pair: 6")
	assert.Empty(t, abruntest.Entries(t, scratch))
}
