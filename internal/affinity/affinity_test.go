package affinity_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/affinity"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestAllowed(t *testing.T) {
	testutil.RequireLinux(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	cpus, err := affinity.Allowed()
	require.NoError(t, err)
	assert.NotEmpty(t, cpus)
	assert.True(t, slices.IsSorted(cpus), "CPUs not ascending: %v", cpus)
	assert.Equal(t, len(cpus), len(slices.Compact(slices.Clone(cpus))), "duplicate CPUs: %v", cpus)
	for _, c := range cpus {
		assert.GreaterOrEqual(t, c, 0)
	}
}

func TestPinRestoreRoundTrip(t *testing.T) {
	testutil.RequireLinux(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	before, err := affinity.Allowed()
	require.NoError(t, err)
	for _, cpu := range before {
		restore, err := affinity.Pin(cpu)
		if err != nil {
			t.Skipf("pinning refused here (%v); the round trip cannot be checked", err)
		}
		pinned, err := affinity.Allowed()
		if !assert.NoError(t, err) || !assert.Equal(t, []int{cpu}, pinned) {
			// Never unlock a thread whose mask may still be narrowed.
			require.NoError(t, restore())
			return
		}
		require.NoError(t, restore())
		after, err := affinity.Allowed()
		require.NoError(t, err)
		assert.Equal(t, before, after, "mask not restored after pinning to CPU %d", cpu)
	}
}

func TestPinOutsideSet(t *testing.T) {
	testutil.RequireLinux(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	before, err := affinity.Allowed()
	require.NoError(t, err)
	notAllowed := 0
	for slices.Contains(before, notAllowed) {
		notAllowed++
	}
	tests := []struct {
		name string
		cpu  int
	}{
		{"negative", -1},
		{"very-negative", -1000},
		{"first-cpu-not-allowed", notAllowed},
		{"past-cpuset-size", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var restore func() error
			require.NotPanics(t, func() { restore, err = affinity.Pin(tt.cpu) })
			assert.Error(t, err)
			assert.Nil(t, restore)
			if restore != nil {
				require.NoError(t, restore())
			}
			after, err := affinity.Allowed()
			require.NoError(t, err)
			assert.Equal(t, before, after, "a failed Pin changed the mask")
		})
	}
}
