package harness

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQueueWatch watches the device of a disk-backed dir while this
// process writes and syncs a file: the watch samples, the mean and p99 are
// queue depths (not negative), and the share of others' reads is a
// fraction. A dir on tmpfs has no device: the watch says so.
func TestQueueWatch(t *testing.T) {
	RequireLinux(t)
	dir := t.TempDir()
	q := WatchQueue(dir)
	if _, err := q.Queue(0); err != nil && FSType(dir) == "tmpfs" {
		t.Skipf("the test's temp dir is on tmpfs: %v", err)
	}
	q = WatchQueue(dir)
	q.Resume()
	f, err := os.Create(filepath.Join(dir, "f"))
	require.NoError(t, err)
	_, err = f.Write(make([]byte, 4<<20))
	require.NoError(t, err)
	require.NoError(t, f.Sync())
	require.NoError(t, f.Close())
	time.Sleep(5 * QueueInterval)
	q.Pause()
	got, err := q.Queue(0)
	require.NoError(t, err)
	assert.Positive(t, got.Samples)
	assert.GreaterOrEqual(t, got.Mean, 0.0)
	assert.GreaterOrEqual(t, got.P99, 0.0)
	assert.GreaterOrEqual(t, got.OtherReads, 0.0)
	assert.LessOrEqual(t, got.OtherReads, 1.0)
}

// TestQueueWatchNoDevice checks that a dir without a block device (tmpfs)
// gives a reason, not zeros.
func TestQueueWatchNoDevice(t *testing.T) {
	RequireLinux(t)
	const shm = "/dev/shm"
	if FSType(shm) != "tmpfs" {
		t.Skipf("%s is not tmpfs here", shm)
	}
	q := WatchQueue(shm)
	q.Resume()
	q.Pause()
	_, err := q.Queue(0)
	require.Error(t, err)
	assert.Contains(t, err.Error(), shm)
}
