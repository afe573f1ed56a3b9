package modres

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
)

func TestParseModules(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		short   bool
		want    []int
		wantErr string
	}{
		{name: "default", want: []int{10, 100}},
		{name: "default short", short: true, want: []int{10}},
		{name: "blank is default", value: "  ", want: []int{10, 100}},
		{name: "override", value: "10,100", want: []int{10, 100}},
		{name: "override wins over short", value: "50", short: true, want: []int{50}},
		{name: "spaces", value: " 3 , 30 ", want: []int{3, 30}},
		{name: "order kept", value: "100,10", want: []int{100, 10}},
		{name: "not a number", value: "10,abc", wantErr: `module count "abc" is not an integer`},
		{name: "empty element", value: "10,", wantErr: "empty module count"},
		{name: "zero", value: "0", wantErr: "module count 0 is out of range"},
		{name: "negative", value: "-5", wantErr: "module count -5 is out of range"},
		{name: "too large", value: "100000", wantErr: "out of range"},
		{name: "duplicate", value: "10,10", wantErr: "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseModules(tt.value, tt.short)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), modulesEnv, "the error names the variable")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestReadConfig(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == modulesEnv {
				return v
			}
			return ""
		}
	}
	c, err := readConfig(env(""), false)
	require.NoError(t, err)
	assert.Equal(t, []int{10, 100}, c.Modules)
	c, err = readConfig(env(""), true)
	require.NoError(t, err)
	assert.Equal(t, []int{10}, c.Modules)
	assert.True(t, c.Short)
	_, err = readConfig(env("x"), false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "BENCHRIG_MODRES_MODULES")
}

func TestCheckTmpfs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	disk := t.TempDir()
	onTmpfs := harness.FSType(defaultTmpfs) == "tmpfs"
	for _, tc := range []struct {
		name, value string
		wantErr     string // error for a set value
	}{
		{"missing", "/nonexistent-benchrig-tmpfs", "no such file"},
		{"file", file, "not a directory"},
		{"not tmpfs", disk, "not tmpfs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "not tmpfs" && harness.FSType(disk) == "tmpfs" {
				t.Skip("the test temp dir is itself on tmpfs")
			}
			_, _, err := checkTmpfs(tc.value)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.Contains(t, err.Error(), "BENCHRIG_MODRES_TMPFS", "the error names the variable")
		})
	}
	t.Run("default", func(t *testing.T) {
		dir, skip, err := checkTmpfs("")
		require.NoError(t, err, "an unusable default skips, never fails")
		if onTmpfs {
			assert.Equal(t, defaultTmpfs, dir)
			assert.Empty(t, skip)
		} else {
			assert.Empty(t, dir)
			assert.Contains(t, skip, "BENCHRIG_MODRES_TMPFS")
		}
	})
}
