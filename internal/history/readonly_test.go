package history

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// syntheticFile is commit i of storeOf's series on machine m1, as a File.
func syntheticFile(i int) File {
	r := rand.New(rand.NewPCG(uint64(i), 5))
	return File{Name: fmt.Sprintf("c%02d.txt", i), Data: synthetic(r, "m1", i, 20), Rev: fmt.Sprintf("r%02d", i), RevTime: time.Date(2026, 11, 1+i, 0, 0, 0, 0, time.UTC)}
}

// seed makes the store target holding one file, syntheticFile(0).
func seed(t *testing.T, target string) {
	t.Helper()
	s := openStore(t, target)
	_, err := s.Add(context.Background(), syntheticFile(0))
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

// TestReadOnlyStore: a store this user may not write is still read (show,
// check and report open it read-only), and an add is refused with the
// store, its directory and the fix named, leaving the file as it was. As
// root it needs chattr (.ci/run also runs it as an unprivileged user).
func TestReadOnlyStore(t *testing.T) {
	for _, tc := range []struct {
		name          string
		seeded        bool // the store holds a file; else it does not exist
		roFile, roDir bool
		wantAdd       []string // in Open's or Add's error; {dir} is the directory
		wantRead      []string // in OpenReadOnly's error; nil: it reads
	}{
		{"file read-only", true, true, false, []string{"read-only", "{dir}", "chmod u+w"}, nil},
		{"dir read-only", true, false, true, []string{"{dir}", "write", "chmod u+w"}, nil},
		{"file and dir read-only", true, true, true, []string{"read-only", "{dir}", "chmod u+w"}, nil},
		{"no store in a read-only dir", false, false, true, []string{"{dir}", "write", "chmod u+w"}, []string{"does not exist", "history add"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			target := filepath.Join(dir, "history.db")
			if tc.seeded {
				seed(t, target)
				if tc.roFile {
					testutil.ReadOnly(t, target)
				}
			}
			if tc.roDir {
				testutil.ReadOnly(t, dir)
			}
			before, _ := os.ReadFile(target)

			err := addOne(ctx, target, syntheticFile(1))
			require.Error(t, err, "an add to a read-only store")
			assert.Contains(t, err.Error(), target)
			for _, w := range tc.wantAdd {
				if w == "{dir}" {
					w = dir
				}
				assert.Contains(t, err.Error(), w)
			}

			n, err := readAll(ctx, target)
			if tc.wantRead == nil {
				require.NoError(t, err, "reading a read-only store")
				assert.Equal(t, 3, n, "the seeded file's three series")
			} else {
				require.Error(t, err)
				for _, w := range tc.wantRead {
					assert.Contains(t, err.Error(), w)
				}
			}

			after, _ := os.ReadFile(target)
			assert.Equal(t, before, after, "the store is unchanged")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(entries), 1, "no journal or new store left behind: %v", entries)
		})
	}
}

// addOne opens the store to write, as history add does, and adds f.
func addOne(ctx context.Context, target string, f File) error {
	s, err := Open(ctx, target)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.Add(ctx, f)
	return err
}

// readAll opens the store read-only, as history show does, and returns
// how many series it holds.
func readAll(ctx context.Context, target string) (int, error) {
	s, err := OpenReadOnly(ctx, target)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	se, err := s.Series(ctx, Query{}, ChangeOptions{})
	return len(se), err
}

// TestAddToReadOnlyOpened: Add on a store opened read-only says so, and
// the store is left as it was.
func TestAddToReadOnlyOpened(t *testing.T) {
	target := filepath.Join(t.TempDir(), "history.db")
	seed(t, target)
	s, err := OpenReadOnly(context.Background(), target)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Add(context.Background(), syntheticFile(1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), target+" was opened read-only")
	assert.Equal(t, 1, count(t, s, "files"))
}
