package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/gate"
	"github.com/benchrig/benchrig/internal/report"
	"github.com/benchrig/benchrig/internal/resultfile"
)

// TestConcurrentRunsReadCleanly runs the four families at once, each as
// `go test -bench . -short > FILE` (go test folds each test binary's stderr
// into its stdout, where the harness's notes about the other live runs
// land), in one BENCHRIG_DIR. Every file must read cleanly in the
// result-file check, the gate and the report, and the rows measured while
// the other runs were live must be flagged busy by both.
func TestConcurrentRunsReadCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the four families' -short suites at once (about 20 s)")
	}
	families := []string{"directio", "falseshare", "mmap", "modres"}
	base, out := t.TempDir(), t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, len(families))
	for i, f := range families {
		wg.Go(func() {
			file, err := os.Create(filepath.Join(out, f+".txt"))
			if err != nil {
				errs[i] = err
				return
			}
			defer file.Close()
			cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchtime", "1x", "-short", "./"+f)
			cmd.Env = append(os.Environ(), "BENCHRIG_DIR="+base)
			cmd.Stdout = file // no Stderr: go test writes the binary's stderr to stdout
			errs[i] = cmd.Run()
		})
	}
	wg.Wait()
	var inputs []report.Input
	busyGate, busyReport := 0, 0
	for i, f := range families {
		path := filepath.Join(out, f+".txt")
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, errs[i], "go test ./%s:\n%s", f, data)
		assert.NoError(t, resultfile.CheckFile(path))
		r, err := gate.CompareFiles(path, path, gate.Options{})
		require.NoError(t, err, "the gate reads %s", f)
		busyGate += r.Busy
		d, err := report.Read([]report.Input{{Name: path, Data: data}})
		require.NoError(t, err, "the report reads %s", f)
		busyReport += busyRows(d)
		inputs = append(inputs, report.Input{Name: path, Data: data})
	}
	_, err := report.Read(inputs)
	assert.NoError(t, err, "the report reads the four files together")
	assert.Positive(t, busyGate, "the gate flags the rows measured beside other runs")
	assert.Positive(t, busyReport, "the report flags the rows measured beside other runs")
	t.Logf("busy rows: gate %d, report %d", busyGate, busyReport)
}

// busyRows counts the report's rows flagged as measured on a busy machine.
func busyRows(d *report.Data) int {
	n := 0
	for _, m := range d.Machines {
		for _, r := range m.Rows {
			if r.Busy() != "" {
				n++
			}
		}
	}
	return n
}
