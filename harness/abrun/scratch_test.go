package abrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/benchrig/benchrig/harness/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSweepRemovesDeadWorkDirAndWorktree(t *testing.T) {
	testutil.RequireLinux(t) // flock
	r := abruntest.New(t)
	base := t.TempDir()
	dead, err := newScratchIn(base, r.Dir, &bytes.Buffer{})
	require.NoError(t, err)
	wt := filepath.Join(dead.Dir, "a")
	r.Git(t, "worktree", "add", "--detach", wt, "HEAD")
	require.Len(t, r.Worktrees(t), 2)
	dead.lock.Close() // as if SIGKILLed: the lock is free, nothing removed

	var log bytes.Buffer
	live, err := newScratchIn(base, r.Dir, &log) // sweeps first
	require.NoError(t, err)
	Sweep(base, &log) // and leaves the live one alone
	assert.Contains(t, log.String(), "swept "+dead.Dir)
	assert.Len(t, r.Worktrees(t), 1, "git worktree prune ran")
	assert.ElementsMatch(t, []string{filepath.Base(live.Dir), filepath.Base(live.Dir) + lockSuffix}, abruntest.Entries(t, base), "a live work dir is never swept")
	require.NoError(t, live.Close())
	assert.Empty(t, abruntest.Entries(t, base))
}

func TestSweepRemovesDirWithoutLock(t *testing.T) {
	base := t.TempDir()
	orphan := filepath.Join(base, scratchPrefix+"x-1")
	require.NoError(t, os.MkdirAll(filepath.Join(orphan, "bin"), 0o755))
	other := filepath.Join(base, "run-20260101T000000Z-1") // the harness's: not ours to judge
	require.NoError(t, os.Mkdir(other, 0o755))
	Sweep(base, &bytes.Buffer{})
	assert.Equal(t, []string{filepath.Base(other)}, abruntest.Entries(t, base))
}

func TestScratchBase(t *testing.T) {
	t.Setenv("BENCHRIG_DIR", "rel/dir")
	_, err := ScratchBase()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "BENCHRIG_DIR=\"rel/dir\" is a relative path")
	d := filepath.Join(t.TempDir(), "new")
	t.Setenv("BENCHRIG_DIR", d)
	got, err := ScratchBase()
	require.NoError(t, err)
	assert.Equal(t, d, got)
	assert.DirExists(t, d)
}

func TestQuietWait(t *testing.T) {
	for _, tc := range []struct {
		name  string
		busy  []float64
		calls int
		note  string
	}{
		{"quiet at once", []float64{0.05}, 1, "for a quiet machine (busy 5% <= 10%)"},
		{"quiet later", []float64{0.5, 0.4, 0.02}, 3, "for a quiet machine (busy 2% <= 10%)"},
		{"never quiet", []float64{0.9}, 0, "machine still busy (90% > 10%); running anyway"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			q := &Quiet{Max: 1, measure: func(context.Context, time.Duration) (float64, error) {
				calls++
				return tc.busy[min(calls, len(tc.busy))-1], nil
			}}
			if tc.calls > 0 {
				q.Max = time.Hour
			}
			var a, b, e bytes.Buffer
			require.NoError(t, q.wait(context.Background(), 3, &a, &b, &e))
			for _, w := range []*bytes.Buffer{&a, &b, &e} {
				assert.Contains(t, w.String(), "# benchrig: ")
				assert.Contains(t, w.String(), tc.note)
			}
			if tc.calls > 0 {
				assert.Equal(t, tc.calls, calls)
			}
		})
	}
}

func TestQuietUnsupported(t *testing.T) {
	q := &Quiet{Max: time.Hour, measure: func(context.Context, time.Duration) (float64, error) {
		return 0, fmt.Errorf("read CPU load: %w", errors.ErrUnsupported)
	}}
	var a, e bytes.Buffer
	for range 2 {
		require.NoError(t, q.wait(context.Background(), 1, &a, &a, &e))
	}
	assert.Empty(t, a.String())
	assert.Equal(t, 1, strings.Count(e.String(), "-quiet: CPU load is unknown"), "said once")
}
