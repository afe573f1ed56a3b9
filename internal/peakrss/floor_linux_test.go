package peakrss

import (
	"os/exec"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseHWM(t *testing.T) {
	for _, tc := range []struct {
		name, status string
		want         int64
		wantErr      bool
	}{
		{"kernel format", "Name:\tx\nVmPeak:\t  10 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1 kB\n", 2048 << 10, false},
		{"no VmHWM line", "Name:\tx\nVmRSS:\t 1 kB\n", 0, true},
		{"no unit", "VmHWM:\t2048\n", 0, true},
		{"negative", "VmHWM:\t-5 kB\n", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := parseHWM([]byte(tc.status))
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, n)
		})
	}
}

// TestFloorHidesTheParentsShare shows the effect Floor guards against: a
// small child started from a process that held 256 MiB reports 256 MiB;
// after Floor it reports its own size, at or below a floor far under that.
func TestFloorHidesTheParentsShare(t *testing.T) {
	trueCmd, err := exec.LookPath("true")
	if err != nil {
		t.Skip("needs the true command")
	}
	big := make([]byte, 256<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	cmd := exec.Command(trueCmd)
	require.NoError(t, cmd.Run())
	before, err := Of(cmd.ProcessState)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, before, int64(256<<20), "Linux counts the parent's peak RSS as the child's")
	runtime.KeepAlive(big) // unreachable from here on: Floor's GC frees it

	floor, err := Floor()
	require.NoError(t, err)
	assert.Less(t, floor, int64(128<<20), "Floor gives the heap back and resets the peak")
	cmd = exec.Command(trueCmd)
	require.NoError(t, cmd.Run())
	after, err := Of(cmd.ProcessState)
	require.NoError(t, err)
	assert.Less(t, after, int64(128<<20))
}
