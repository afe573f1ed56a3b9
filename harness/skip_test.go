package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// BenchmarkSkipfChild always skips through Skipf, with a two-line reason.
func BenchmarkSkipfChild(b *testing.B) {
	Skipf(b, "no %s here\nsecond line", "disk")
}

// TestSkipfNote: without -v, testing prints nothing about a skipped
// benchmark; Skipf's note on stderr names it and gives the reason, on one
// line, in the format the report reads.
func TestSkipfNote(t *testing.T) {
	testutil.RequireLinux(t)
	var stdout, stderr bytes.Buffer
	cmd := childCmd(t, "main", t.TempDir(), "-test.run=^$", "-test.bench=^BenchmarkSkipfChild$", "-test.benchtime=1x")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", &stderr)
	assert.Contains(t, strings.Split(stderr.String(), "\n"), "# benchrig: skip BenchmarkSkipfChild: no disk here; second line")
	assert.NotContains(t, stdout.String(), "no disk here", "without -v testing itself stays silent")
	assertNoConfigLines(t, stderr.String())
}

func TestSkipfRecords(t *testing.T) {
	r := testutil.Run(t, func(tb testing.TB) { Skipf(tb, "needs %d", 3) })
	assert.Equal(t, "needs 3", r.SkipReason)
}

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "no disk", "no disk"},
		{"lines", "a\nb\r\nc\n", "a; b; c"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, oneLine(tc.in)) })
	}
}

// directSkip matches a skip that bypasses Skipf on a *testing.B or a
// testing.TB (named b or tb, as the bench packages name them).
var directSkip = regexp.MustCompile(`\b(b|tb)\.Skip(f|Now)?\(`)

// TestBenchPackagesSkipThroughHarness: bench packages skip with
// harness.Skipf, so that every skip is visible without -v.
func TestBenchPackagesSkipThroughHarness(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "bench", "*", "*.go"))
	require.NoError(t, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			assert.False(t, directSkip.MatchString(line), "%s:%d skips directly; use harness.Skipf(tb, ...) so the skip is visible without -v: %s", f, i+1, strings.TrimSpace(line))
		}
	}
}
