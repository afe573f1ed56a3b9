package modres

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// envOf is a getenv over vars.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestReadConfig(t *testing.T) {
	const module = "/home/u/svc"
	tests := []struct {
		name    string
		env     map[string]string
		short   bool
		want    []string // Trees
		builds  []string // Builds
		clean   bool
		wantErr string // in the error, after "<var>=<value>: "
		errVar  string // the variable the error names first
	}{
		{name: "default", want: []string{"service"}, builds: []string{"small"}},
		{name: "default short", short: true, want: []string{"small"}, builds: []string{"small"}},
		{name: "blank is default", env: map[string]string{treesEnv: "  ", buildTreesEnv: " "}, want: []string{"service"}, builds: []string{"small"}},
		{name: "both presets", env: map[string]string{treesEnv: "small,service"}, want: []string{"small", "service"}, builds: []string{"small"}},
		{name: "order kept, spaces", env: map[string]string{treesEnv: " service , small "}, want: []string{"service", "small"}, builds: []string{"small"}},
		{name: "set wins over short", env: map[string]string{treesEnv: "service", buildTreesEnv: "service"}, short: true, want: []string{"service"}, builds: []string{"service"}},
		{name: "build trees", env: map[string]string{buildTreesEnv: "small,service"}, want: []string{"service"}, builds: []string{"small", "service"}},
		{name: "own only", env: map[string]string{moduleEnv: module}, want: []string{"own"}, builds: []string{"own"}},
		{name: "own only short", env: map[string]string{moduleEnv: module}, short: true, want: []string{"own"}, builds: []string{"own"}},
		{name: "own and presets", env: map[string]string{moduleEnv: module, treesEnv: "small", buildTreesEnv: "service"}, want: []string{"small", "own"}, builds: []string{"service", "own"}},
		{name: "module cleaned", env: map[string]string{moduleEnv: module + "/./"}, want: []string{"own"}, builds: []string{"own"}},
		{name: "clean", env: map[string]string{cleanEnv: "1"}, want: []string{"service"}, builds: []string{"small"}, clean: true},
		{name: "clean off", env: map[string]string{cleanEnv: "0"}, want: []string{"service"}, builds: []string{"small"}},
		{name: "unknown tree", env: map[string]string{treesEnv: "big"}, errVar: treesEnv, wantErr: `unknown tree "big"`},
		{name: "empty tree", env: map[string]string{treesEnv: "small,"}, errVar: treesEnv, wantErr: "empty tree name"},
		{name: "own in trees", env: map[string]string{treesEnv: "own"}, errVar: treesEnv, wantErr: moduleEnv},
		{name: "duplicate", env: map[string]string{treesEnv: "small,small"}, errVar: treesEnv, wantErr: "listed twice"},
		{name: "unknown build tree", env: map[string]string{buildTreesEnv: "big"}, errVar: buildTreesEnv, wantErr: `unknown tree "big"`},
		{name: "own in build trees", env: map[string]string{buildTreesEnv: "small,own"}, errVar: buildTreesEnv, wantErr: moduleEnv},
		{name: "modules removed", env: map[string]string{modulesEnv: "10,100"}, errVar: modulesEnv, wantErr: "removed"},
		{name: "relative module", env: map[string]string{moduleEnv: "../svc"}, errVar: moduleEnv, wantErr: "not an absolute path"},
		{name: "bad clean", env: map[string]string{cleanEnv: "yes"}, errVar: cleanEnv, wantErr: "not a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := readConfig(envOf(tt.env), tt.short)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.True(t, strings.HasPrefix(err.Error(), tt.errVar+"="+tt.env[tt.errVar]+": "), "%q starts with the variable and its value", err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Trees)
			assert.Equal(t, tt.builds, c.Builds)
			assert.Equal(t, tt.short, c.Short)
			assert.Equal(t, tt.clean, c.Clean)
			if tt.env[moduleEnv] != "" {
				assert.Equal(t, module, c.Module)
			}
		})
	}
}

// TestConfigFixesWork applies the fix each knob error suggests and checks
// that the config is then accepted.
func TestConfigFixesWork(t *testing.T) {
	for _, tc := range []struct{ bad, fixed map[string]string }{
		{map[string]string{modulesEnv: "10"}, map[string]string{treesEnv: "small,service"}},
		{map[string]string{treesEnv: "big"}, map[string]string{treesEnv: "small"}},
		{map[string]string{treesEnv: "small,"}, map[string]string{treesEnv: "small,service"}},
		{map[string]string{buildTreesEnv: "own"}, map[string]string{moduleEnv: "/path/to/module"}},
		{map[string]string{cleanEnv: "yes"}, map[string]string{cleanEnv: "1"}},
	} {
		_, err := readConfig(envOf(tc.bad), false)
		require.Error(t, err)
		for k, v := range tc.fixed {
			assert.Contains(t, err.Error(), k+"="+v, "the error suggests the fix")
		}
		_, err = readConfig(envOf(tc.fixed), false)
		assert.NoError(t, err, "the suggested fix works")
	}
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

// FuzzParseTrees: any BENCHRIG_MODRES_TREES (or BUILDTREES) value gives
// either presets, each once, or an error that starts with the variable and
// the value.
func FuzzParseTrees(f *testing.F) {
	for _, s := range []string{"", "small", "small,service", " service , small ", "small,", "own", "big", "small,small", ",,"} {
		f.Add(s, false, false)
	}
	f.Fuzz(func(t *testing.T, value string, build, own bool) {
		env, defaults := treesEnv, defaultTrees
		if build {
			env, defaults = buildTreesEnv, defaultBuildTrees
		}
		trees, err := parseTrees(env, value, defaults, own)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), env+"="+strings.TrimSpace(value)+": "), "%q", err)
			return
		}
		seen := map[string]bool{}
		for _, tr := range trees {
			assert.Contains(t, fixtures.PresetNames(), tr)
			assert.False(t, seen[tr], "%s listed twice", tr)
			seen[tr] = true
		}
	})
}
