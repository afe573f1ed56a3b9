package harness

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coldFile writes a 4 MiB file on the disk fs and proves it cold.
func coldFile(t *testing.T) string {
	t.Helper()
	f := filepath.Join(diskDir(t), "data")
	writeFile(t, f, 4<<20)
	Cold(t, f)
	return f
}

// TestProcessUsageCat: a real child (cat) reading an evicted file reports
// read bytes from storage in its own rusage and in RUSAGE_CHILDREN.
func TestProcessUsageCat(t *testing.T) {
	cat, err := exec.LookPath("cat")
	if err != nil {
		t.Skipf("cat not found: %v", err)
	}
	f := coldFile(t)
	m := StartMeter(t, Children, filepath.Dir(f))
	cmd := exec.Command(cat, f)
	require.NoError(t, cmd.Run()) // stdout is discarded
	m.Stop()

	u, err := ProcessUsage(cmd.ProcessState)
	require.NoError(t, err)
	assert.Greater(t, u.ReadBytes, int64(0), "cat read a cold file: bytes must come from storage")
	assert.LessOrEqual(t, u.ReadBytes, int64(8<<20), "readahead, not more than twice the file")
	assert.Greater(t, u.MinFlt, int64(0))

	assert.GreaterOrEqual(t, m.Usage().ReadBytes, u.ReadBytes, "RUSAGE_CHILDREN includes cat")
	if n, ok := m.DeviceReads(); ok {
		assert.Greater(t, n, uint64(0), "the device completed read requests")
	}

	_, err = ProcessUsage(nil)
	assert.ErrorContains(t, err, "nil ProcessState")
}

// TestMeterThreadPause: with the thread locked, a cold read inside the timed
// segment is counted and one inside Pause..Resume is not.
func TestMeterThreadPause(t *testing.T) {
	f := coldFile(t)
	g := filepath.Join(filepath.Dir(f), "other")
	writeFile(t, g, 1<<20)
	Cold(t, g)

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	m := StartMeter(t, Thread, filepath.Dir(f))
	_, err := os.ReadFile(f)
	require.NoError(t, err)
	m.Pause()
	afterTimed := m.Usage()
	_, err = os.ReadFile(g) // untimed: not counted
	require.NoError(t, err)
	m.Resume()
	m.Stop()
	m.Stop() // idempotent

	assert.GreaterOrEqual(t, afterTimed.ReadBytes, int64(4<<20), "the timed cold read is counted")
	assert.Equal(t, afterTimed.ReadBytes, m.Usage().ReadBytes, "the paused read is not counted")
	// The empty Resume..Stop segment may still take a fault or two (stack,
	// runtime); the paused 1 MiB read would add hundreds.
	assert.InDelta(t, afterTimed.MinFlt, m.Usage().MinFlt, 16)
}

func TestGetUsage(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name  string
		scope Scope
		ok    bool
	}{
		{"thread", Thread, true},
		{"process", Process, true},
		{"children", Children, true},
		{"bogus", Scope(42), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := GetUsage(tc.scope)
			if !tc.ok {
				assert.ErrorContains(t, err, "unknown scope")
				return
			}
			require.NoError(t, err)
			assert.GreaterOrEqual(t, u.MinFlt, int64(0))
		})
	}
}

func TestDeviceReads(t *testing.T) {
	testutil.RequireLinux(t)
	dir := diskDir(t)
	n1, err := DeviceReads(dir)
	require.NoError(t, err)
	f := coldFile(t)
	_, err = os.ReadFile(f)
	require.NoError(t, err)
	n2, err := DeviceReads(dir)
	require.NoError(t, err)
	assert.Greater(t, n2, n1, "reading a cold file completes read requests")

	if _, err := os.Stat("/dev/shm"); err == nil {
		_, err := DeviceReads("/dev/shm")
		assert.Error(t, err, "tmpfs has no block device")
	}
}

// TestMeterReport checks the units a Meter reports through testing.B.
func TestMeterReport(t *testing.T) {
	dir := diskDir(t)
	f := filepath.Join(dir, "data")
	writeFile(t, f, 64<<10)
	res := quickBenchmark(t, func(b *testing.B) {
		m := StartMeter(b, Process, dir)
		for b.Loop() {
			m.Pause()
			Cold(b, f)
			m.Resume()
			if _, err := os.ReadFile(f); err != nil {
				b.Fatal(err)
			}
		}
		m.Report(b, int64(b.N))
	})
	require.NotZero(t, res.N)
	for _, unit := range []string{"read-B/op", "write-B/op", "minflt/op", "majflt/op", "dev-reads/op"} {
		assert.Contains(t, res.Extra, unit)
	}
	assert.Greater(t, res.Extra["read-B/op"], 0.0)

	// On tmpfs there is no device: dev-reads/op is absent, not zero.
	if _, err := os.Stat("/dev/shm"); err == nil {
		res = quickBenchmark(t, func(b *testing.B) {
			m := StartMeter(b, Process, "/dev/shm")
			for b.Loop() {
			}
			m.Report(b, int64(b.N))
		})
		assert.Contains(t, res.Extra, "read-B/op")
		assert.NotContains(t, res.Extra, "dev-reads/op")
	}
}

// TestMeterThreadNeedsLockedThread: a Thread-scope meter used from another
// OS thread fails instead of reporting a meaningless delta.
func TestMeterThreadNeedsLockedThread(t *testing.T) {
	testutil.RequireLinux(t)
	var m *Meter
	r := testutil.Run(t, func(tb testing.TB) {
		runtime.LockOSThread()
		m = StartMeter(tb, Thread, t.TempDir())
		// Not unlocking: this goroutine's thread exits with it, so the next
		// use below is certainly on another thread.
	})
	require.Empty(t, r.FatalReason)
	r = testutil.Run(t, func(tb testing.TB) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		m.tb = tb
		m.Stop()
	})
	assert.Contains(t, r.FatalReason, "call runtime.LockOSThread before StartMeter")
}
