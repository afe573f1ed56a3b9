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

	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/scratch/scratchtest"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSweepRemovesDeadWorkDirAndWorktree: a work dir whose owner died (its
// lock is free) is removed by the next command, which prunes the git
// worktrees it held; a live one is left alone.
func TestSweepRemovesDeadWorkDirAndWorktree(t *testing.T) {
	testutil.RequireLinux(t) // flock
	r := abruntest.New(t)
	base := t.TempDir()
	t.Setenv("BENCHRIG_DIR", base)
	dead := deadScratch(t, r.Dir)
	wt := filepath.Join(dead, "a")
	r.Git(t, "worktree", "add", "--detach", wt, "HEAD")
	require.Len(t, r.Worktrees(t), 2)

	var log bytes.Buffer
	live, err := NewScratch(r.Dir, &log) // sweeps first
	require.NoError(t, err)
	assert.Contains(t, log.String(), "swept "+dead)
	assert.Len(t, r.Worktrees(t), 1, "git worktree prune ran")
	other, err := NewScratch("", &bytes.Buffer{}) // and leaves the live one alone
	require.NoError(t, err)
	assert.DirExists(t, live.Dir)
	require.NoError(t, other.Close())
	require.NoError(t, live.Close())
	assert.Empty(t, abruntest.Entries(t, base))
}

// deadScratch makes a work dir as a SIGKILLed benchrig leaves it: dir with
// its marker, repo file and a run lock nobody holds.
func deadScratch(t *testing.T, repo string) string {
	t.Helper()
	dir := filepath.Join(os.Getenv("BENCHRIG_DIR"), "run-benchrun-20260101T000000.000000000Z-1")
	tok := scratchtest.NewToken()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".benchrig-run"), []byte(scratchtest.MarkerText(tok)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, repoFile), []byte(repo), 0o644))
	require.NoError(t, os.WriteFile(dir+".lock", []byte(scratchtest.LockText(tok, 1, 0)), 0o644))
	return dir
}

func TestScratchBadBenchrigDir(t *testing.T) {
	t.Setenv("BENCHRIG_DIR", "rel/dir")
	_, err := NewScratch("", &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `BENCHRIG_DIR="rel/dir" is a relative path`)
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

// TestCloseScratchFailure: a work dir that cannot be removed is a warning
// when the command ends normally, and is joined to the error of a command
// stopped by a signal (so its last message does not claim removal).
func TestCloseScratchFailure(t *testing.T) {
	testutil.RequireLinux(t) // flock
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name      string
		ctx       context.Context
		joined    bool
		wantInLog string
	}{
		{"normal end", context.Background(), false, "not removed"},
		{"signal", cancelled, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("BENCHRIG_DIR", t.TempDir())
			s, err := NewScratch("", &bytes.Buffer{})
			require.NoError(t, err)
			require.NoError(t, os.Remove(s.Dir+".lock")) // Close fails to remove it
			var log bytes.Buffer
			var cerr error
			closeScratch(tc.ctx, s, &log, &cerr)
			var left *CleanupError
			assert.Equal(t, tc.joined, errors.As(cerr, &left), "%v", cerr)
			if tc.wantInLog != "" {
				assert.Contains(t, log.String(), tc.wantInLog)
			} else {
				assert.Empty(t, log.String())
			}
			assert.NoDirExists(t, s.Dir, "the dir itself is gone")
		})
	}
}
