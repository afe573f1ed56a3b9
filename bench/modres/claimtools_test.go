package modres

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestParseTools(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        []string
		wantErr     string
	}{
		{"unset", "", nil, ""},
		{"all", "hello,test,download", []string{"hello", "test", "download"}, ""},
		{"spaces", " download , hello ", []string{"download", "hello"}, ""},
		{"unknown", "hello,build", nil, `unknown tool "build"`},
		{"empty field", "hello,", nil, `unknown tool ""`},
		{"twice", "test,test", nil, "listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseTools(tc.value)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), toolsEnv+"=")
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.Contains(t, err.Error(), "hello,test,download", "names the valid values")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestClaimToolCells(t *testing.T) {
	c, err := readConfig(envOf(nil), false)
	require.NoError(t, err)
	var names []string
	for _, bc := range claimToolCells(c) {
		names = append(names, bc.Name())
	}
	assert.Equal(t, []string{
		"tool=hello/mode=mod/tree=hello/cache=clean",
		"tool=hello/mode=mod/tree=hello/cache=warm",
		"tool=test/mode=mod/tree=service/cache=warm",
		"tool=download/mode=mod/tree=service/cache=warm",
		"tool=download/mode=mod/tree=service/cache=cold",
	}, names)
}

func TestInfoFields(t *testing.T) {
	got, err := infoFields([]byte(`{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}`))
	require.NoError(t, err)
	assert.Equal(t, "time,version", got)
	got, err = infoFields([]byte(`{"Version":"v1.0.0","Sum":"h1:abc="}`))
	require.NoError(t, err)
	assert.Equal(t, "sum,version,h1-hash", got)
	_, err = infoFields([]byte(`{}`))
	assert.Error(t, err)
}

func TestInspectLayout(t *testing.T) {
	dir := t.TempDir()
	info := filepath.Join(dir, "cache", "download", "example.com", "!m", "@v")
	require.NoError(t, os.MkdirAll(info, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(info, "v1.0.0.info"), []byte(`{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}`), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "example.com", "!m@v1.0.0"), 0o755))
	ext, fields, err := inspectLayout(dir, "example.com/M", "v1.0.0")
	require.NoError(t, err)
	assert.Equal(t, "dir", ext)
	assert.Equal(t, "time,version", fields)

	require.NoError(t, os.RemoveAll(filepath.Join(dir, "example.com", "!m@v1.0.0")))
	require.NoError(t, os.Symlink(info, filepath.Join(dir, "example.com", "!m@v1.0.0")))
	ext, _, err = inspectLayout(dir, "example.com/M", "v1.0.0")
	require.NoError(t, err)
	assert.Equal(t, "symlink", ext)
}

// TestProbeLayout runs the real go mod download of the layout probe: the
// go command extracts modules into directories and its .info files hold
// the version and time, no checksum (claim C3).
func TestProbeLayout(t *testing.T) {
	testutil.RequireGo(t)
	ext, info, err := probeLayout(harness.Shared(t, "modres-test-layout", 64<<20))
	require.NoError(t, err)
	assert.Equal(t, "dir", ext)
	assert.Equal(t, "time,version", info)
}
