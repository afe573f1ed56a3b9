package harness

import (
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

func TestEnvironment(t *testing.T) {
	t.Setenv(envMachine, "")
	dir := t.TempDir()
	env := Environment(dir)
	require.Len(t, env, len(EnvKeys()))
	for i, c := range env {
		t.Run(c.Key, func(t *testing.T) {
			assert.Equal(t, EnvKeys()[i], c.Key, "keys in the documented order")
			assert.NotEmpty(t, c.Value)
			assert.NotContains(t, c.Value, " ")
			assert.NotContains(t, c.Value, "\t")
		})
	}
	assert.Empty(t, names(t, dir), "no probe file left behind")

	got := map[string]string{}
	for _, c := range env {
		got[c.Key] = c.Value
	}
	assert.Equal(t, runtime.Version(), got["goversion"])
	if runtime.GOOS != "linux" {
		return
	}
	// On Linux these come from the kernel and are never unknown.
	for _, k := range []string{"machine", "kernel", "cpus", "cacheline", "fs"} {
		assert.NotEqual(t, unknown, got[k], k)
	}
	assert.Regexp(t, `^[1-9][0-9]*$`, got["cpus"])
	assert.Regexp(t, `^(mem=[0-9]+,offset=[0-9]+|none|unknown)$`, got["dio-align"])
	if got["device"] != unknown {
		assert.Regexp(t, `^[01]$`, got["rotational"])
		assert.Regexp(t, `^[1-9][0-9]*$`, got["lbs"])
		assert.Regexp(t, `^[1-9][0-9]*$`, got["pbs"])
		assert.NotContains(t, got["scheduler"], "[")
	}
}

func TestEnvironmentMachine(t *testing.T) {
	for _, tc := range []struct{ name, env, want string }{
		{"label", "ci-runner-7", "ci-runner-7"},
		{"spaces", "lab box 1", "lab_box_1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envMachine, tc.env)
			env := Environment(t.TempDir())
			assert.Equal(t, Config{"machine", tc.want}, env[0])
		})
	}
}

func TestEnvironmentTmpfs(t *testing.T) {
	testutil.RequireLinux(t)
	env := Environment("/dev/shm")
	got := map[string]string{}
	for _, c := range env {
		got[c.Key] = c.Value
	}
	if got["fs"] == unknown {
		t.Skip("/dev/shm is absent")
	}
	assert.Equal(t, "tmpfs", got["fs"])
	assert.Equal(t, unknown, got["device"], "tmpfs has no block device")
	assert.Equal(t, unknown, got["rotational"])
}

func TestVersion(t *testing.T) {
	v := Version()
	assert.NotEmpty(t, v)
	assert.NotContains(t, v, " ")
	if sourceRoot() != "" && gitVersion(sourceRoot()) != unknown {
		// A test binary built from a git checkout names the revision.
		assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{7,}(-dirty)?$`), v)
	}
}

func TestActiveSchedulerIsBracketed(t *testing.T) {
	// Scheduler parsing lives in internal/platform; here we only check that
	// what Environment prints never leaks the sysfs list format.
	for _, c := range Environment(t.TempDir()) {
		if c.Key == "scheduler" {
			assert.False(t, strings.ContainsAny(c.Value, "[] "), c.Value)
		}
	}
}

// TestBuildRevisionWins checks that a revision stamped at link time is the
// benchrig value, ahead of anything found at run time.
func TestBuildRevisionWins(t *testing.T) {
	old := buildRevision
	t.Cleanup(func() { buildRevision = old })
	buildRevision = "abc1234-dirty"
	assert.Equal(t, "abc1234-dirty", computeVersion())
}
