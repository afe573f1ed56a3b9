package history

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdLock takes the lock of the SQLite file path on a connection of its
// own, as another benchrig adding or the sqlite3 shell would: begin is
// BEGIN IMMEDIATE (the write lock; readers go on) or BEGIN EXCLUSIVE (no
// one reads either). The returned func releases it; so does the end of t.
func holdLock(t *testing.T, path, begin string) (release func()) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, begin)
	require.NoError(t, err, "take the lock: %s", begin)
	var once sync.Once
	release = func() {
		once.Do(func() {
			_, err := conn.ExecContext(ctx, "ROLLBACK")
			assert.NoError(t, errors.Join(err, conn.Close(), db.Close()))
		})
	}
	t.Cleanup(release)
	return release
}

// lockOp is what a case does beside the lock: prepare runs before the
// lock is taken and returns the operation, run while it is held.
type lockOp func(t *testing.T, target string, o options) func() error

// addToOpen opens the store first, then adds: the lock comes between.
func addToOpen(t *testing.T, target string, o options) func() error {
	s, err := open(context.Background(), target, o)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	f := syntheticFile(1)
	return func() error { _, err := s.Add(context.Background(), f); return err }
}

// openAndAdd opens the store and adds, both under the lock.
func openAndAdd(t *testing.T, target string, o options) func() error {
	f := syntheticFile(1)
	return func() error {
		s, err := open(context.Background(), target, o)
		if err != nil {
			return err
		}
		defer s.Close()
		_, err = s.Add(context.Background(), f)
		return err
	}
}

// openAndRead opens the store read-only and reads every series.
func openAndRead(t *testing.T, target string, o options) func() error {
	o.readOnly = true
	return func() error {
		s, err := open(context.Background(), target, o)
		if err != nil {
			return err
		}
		defer s.Close()
		_, err = s.Series(context.Background(), Query{}, ChangeOptions{})
		return err
	}
}

// runLocked runs op while the lock is held; with wait, op must still be
// waiting after half a second, and the lock is then released. It returns
// how long op took and its error.
func runLocked(t *testing.T, op func() error, release func(), wait bool) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- op() }()
	if wait {
		select {
		case err := <-done:
			require.Failf(t, "did not wait for the lock", "returned %v at once", err)
		case <-time.After(500 * time.Millisecond):
		}
		release()
	}
	err := <-done
	took := time.Since(start)
	release()
	return took, err
}

// TestLockedStore: an SQLite store locked by another connection makes an
// add wait (busy_timeout) and succeed when the lock goes within the
// timeout, and fail naming the store and the holder when it does not; a
// read goes on beside an add's write lock. The timeouts are short here.
func TestLockedStore(t *testing.T) {
	const immediate, exclusive = "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"
	for _, tc := range []struct {
		name    string
		begin   string
		op      lockOp
		release bool // released after a while; else held to the end
		wantErr bool
		files   int // in the store afterwards; the seeded one and the added one
	}{
		{"add waits for another add", immediate, addToOpen, true, false, 2},
		{"add waits for an exclusive lock", exclusive, addToOpen, true, false, 2},
		{"open waits for an exclusive lock", exclusive, openAndAdd, true, false, 2},
		{"read waits for an exclusive lock", exclusive, openAndRead, true, false, 1},
		{"read goes on beside an add", immediate, openAndRead, false, false, 1},
		{"add gives up on another add", immediate, addToOpen, false, true, 1},
		{"open gives up on another add", immediate, openAndAdd, false, true, 1},
		{"open gives up on an exclusive lock", exclusive, openAndAdd, false, true, 1},
		{"read gives up on an exclusive lock", exclusive, openAndRead, false, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "history.db")
			seed(t, target)
			o := options{busy: 300 * time.Millisecond}
			if tc.release {
				o.busy = 20 * time.Second // longer than any wait here
			}
			op := tc.op(t, target, o)
			release := holdLock(t, target, tc.begin)

			took, err := runLocked(t, op, release, tc.release)
			if tc.wantErr {
				require.Error(t, err)
				assert.GreaterOrEqual(t, took, o.busy, "it waited for the busy timeout")
				assert.Less(t, took, 5*time.Second, "the busy timeout is the option's, not the default 10s")
				for _, w := range []string{target, "is locked", "another benchrig or sqlite", "300ms", "retry"} {
					assert.Contains(t, err.Error(), w)
				}
			} else {
				require.NoError(t, err)
			}
			s, err := OpenReadOnly(context.Background(), target)
			require.NoError(t, err)
			defer s.Close()
			assert.Equal(t, tc.files, count(t, s, "files"))
		})
	}
}
