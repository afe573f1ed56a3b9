package modres

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestNoLeaks reruns this test binary, once as a test-only run of tests
// that start go commands (go mod download, go mod vendor, go list, go env;
// not go build, which would compile the runtime into a fresh GOCACHE) and once as a -short benchmark run (one iteration
// per cell), with HOME, TMPDIR and BENCHRIG_DIR pointed at empty dirs, and
// checks that all three are still empty afterwards: no telemetry counters,
// go-build dirs or scratch survive.
func TestNoLeaks(t *testing.T) {
	testutil.RequireLinux(t)
	testutil.RequireGo(t)
	for _, tc := range []struct {
		name string
		args []string
		want string // in the output: proof the rerun did the work
	}{
		{"tests", []string{"-test.run", "^(TestPackagesSameAsGoList|TestFindGo|TestModuleIndexAnswers)$", "-test.count", "1", "-test.v"}, "--- PASS: TestModuleIndexAnswers"},
		{"short bench", []string{"-test.run", "^$", "-test.bench", ".", "-test.short", "-test.benchtime", "1x"}, "BenchmarkResolve/tool=build/mode=vendor/tree=small/cache=warm/gocache=disk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := testutil.RerunIsolated(t, child.Command, child.Run, tc.args...)
			assert.Contains(t, out, tc.want)
		})
	}
}
