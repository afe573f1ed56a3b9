package testutil_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "testdata", "x.golden")
	for _, tc := range []struct {
		name   string
		file   string // golden content; "" means no file
		got    string
		update bool
		failed bool
		after  string
	}{
		{"equal", "a\n", "a\n", false, false, "a\n"},
		{"differs", "a\n", "b\n", false, true, "a\n"},
		{"missing", "", "b\n", false, true, ""},
		{"update rewrites", "a\n", "b\n", true, false, "b\n"},
		{"update creates", "", "c\n", true, false, "c\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, os.RemoveAll(filepath.Dir(path)))
			if tc.file != "" {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(tc.file), 0o644))
			}
			old := *testutil.Update
			*testutil.Update = tc.update
			defer func() { *testutil.Update = old }()
			rec := testutil.Run(t, func(tb testing.TB) { testutil.Golden(tb, path, []byte(tc.got)) })
			failed := rec.FatalReason != "" || len(rec.Errors) > 0
			assert.Equal(t, tc.failed, failed, "fatal %q, errors %q", rec.FatalReason, rec.Errors)
			after, _ := os.ReadFile(path)
			assert.Equal(t, tc.after, string(after))
		})
	}
}

func TestRequireGo(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string // PATH for the test; "" keeps it
		skip string // substring of the skip reason; "" for no skip
	}{
		{"on path", "", ""},
		{"not on path", "/nonexistent-benchrig-path", "go command not found on PATH"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() {
				rec := testutil.Run(t, func(tb testing.TB) { testutil.RequireGo(tb) })
				assert.Contains(t, rec.SkipReason, "skipped with -short")
				return
			}
			if tc.path != "" {
				t.Setenv("PATH", tc.path)
			}
			var got string
			rec := testutil.Run(t, func(tb testing.TB) { got = testutil.RequireGo(tb) })
			if tc.skip == "" {
				assert.Empty(t, rec.SkipReason)
				assert.True(t, filepath.IsAbs(got), "path %q", got)
				return
			}
			assert.Contains(t, rec.SkipReason, tc.skip)
		})
	}
}
