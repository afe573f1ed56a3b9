package platform

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountCPUList(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     int
		bad      bool
	}{
		{"single", "0", 1, false},
		{"range", "0-1", 2, false},
		{"mixed", "0-3,8,10-11\n", 7, false},
		{"empty", "", 0, true},
		{"garbage", "x-y", 0, true},
		{"reversed", "3-1", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := countCPUList(tc.in)
			if tc.bad {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, n)
		})
	}
}

func TestActiveScheduler(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"bracketed", "none [mq-deadline] kyber bfq", "mq-deadline"},
		{"none active", "[none] mq-deadline", "none"},
		{"single", "none", "none"},
		{"ambiguous", "none mq-deadline", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, activeScheduler(tc.in)) })
	}
}

func TestLinuxProbes(t *testing.T) {
	k, err := Kernel()
	require.NoError(t, err)
	assert.NotEmpty(t, k)
	n, err := OnlineCPUs()
	require.NoError(t, err)
	assert.Positive(t, n)
	if _, err := os.Stat("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size"); err == nil || runtime.GOARCH == "amd64" {
		cl, err := CacheLine()
		require.NoError(t, err)
		assert.Contains(t, []int{32, 64, 128, 256}, cl)
	}
	if n, ok := cpuidCacheLine(); ok {
		assert.Contains(t, []int{32, 64, 128, 256}, n, "CPUID's line size")
	}
	v, err := Virt()
	if err == nil {
		assert.NotEmpty(t, v)
	}
	t.Logf("kernel=%s cpus=%d virt=%q (%v)", k, n, v, err)
}

func TestStatfsAndBlock(t *testing.T) {
	dir := t.TempDir()
	fs, err := Statfs(dir)
	require.NoError(t, err)
	assert.Positive(t, fs.Bsize)
	assert.Positive(t, fs.Free())
	require.NoError(t, Writable(dir))
	if NonBlock(fs.Magic) {
		t.Skipf("%s is on %s", dir, fs.Name)
	}
	b, err := BlockDevice(dir)
	if err != nil {
		t.Skipf("no block device under %s: %v", dir, err)
	}
	assert.NotEmpty(t, b.Name)
	assert.Regexp(t, `^\d+:\d+$`, b.Dev)
	reads, err := DeviceReads(b.StatPath)
	require.NoError(t, err)
	assert.Positive(t, reads)

	f := filepath.Join(dir, "f")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	mem, off, ok, err := DIOAlign(f)
	require.NoError(t, err)
	if ok && fs.Name == "ext4" {
		assert.Positive(t, mem)
		assert.Positive(t, off)
	}
}

func TestSysRusage(t *testing.T) {
	_, err := SysRusage(nil)
	assert.ErrorContains(t, err, "want *syscall.Rusage")
}
