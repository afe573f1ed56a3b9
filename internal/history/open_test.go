package history

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withDatabase returns the URL admin with its database replaced by name.
func withDatabase(t *testing.T, admin, name string) string {
	t.Helper()
	u, err := url.Parse(admin)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// TestOpenRefuses: every store that cannot be used is named with the cause
// and the fix, and left as it was.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	require.NoError(t, os.WriteFile(garbage, []byte("this is not an SQLite database, it only has the name of one......................................................"), 0o644))
	for _, tc := range []struct {
		name, target string
		want         []string
	}{
		{"missing dir", filepath.Join(dir, "nope", "h.db"), []string{"does not exist", "mkdir -p"}},
		{"not a database", garbage, []string{garbage, "not a readable SQLite database", "move it away"}},
		{"server that does not answer", "postgres://benchrig@127.0.0.1:1/none?connect_timeout=2", []string{"does not answer", "127.0.0.1:1"}},
		{"password hidden", "postgres://u:secret@127.0.0.1:1/none?connect_timeout=2", []string{"xxxxx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.target)
			_, err := Open(context.Background(), tc.target)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "secret")
			after, _ := os.ReadFile(tc.target)
			assert.Equal(t, before, after, "the store is unchanged")
		})
	}
}

// TestOpenNewerSchema: a store written by a newer benchrig is refused, on
// both backends.
func TestOpenNewerSchema(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			target := be.target(t)
			s := openStore(t, target)
			_, err := s.db.Exec("UPDATE schema_version SET version = 99")
			require.NoError(t, err)
			s.Close()
			_, err = Open(context.Background(), target)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrNewerSchema), "%v", err)
			assert.Contains(t, err.Error(), "update benchrig")
		})
	}
}

// TestOpenReadOnlyRefuses: a store opened read-only is not migrated, so
// one of another schema version, newer or older, or a database that holds
// no store is refused with the fix, on both backends.
func TestOpenReadOnlyRefuses(t *testing.T) {
	for _, be := range backends() {
		for _, tc := range []struct {
			name    string
			version int // written to schema_version; -1: a database without a store
			want    []string
		}{
			{"newer schema", 99, []string{"schema version 99", "update benchrig"}},
			{"older schema", 0, []string{"schema version 0, older than this benchrig's 1", "a history add migrates it"}},
			{"not a store", -1, []string{"holds no benchrig history", "history add"}},
		} {
			t.Run(be.name+"/"+tc.name, func(t *testing.T) {
				target := be.target(t)
				if tc.version >= 0 {
					s := openStore(t, target)
					_, err := s.db.Exec(s.q("UPDATE schema_version SET version = ?"), tc.version)
					require.NoError(t, err)
					require.NoError(t, s.Close())
				} else if !IsPostgres(target) {
					db, err := sql.Open("sqlite", target)
					require.NoError(t, err)
					_, err = db.Exec("CREATE TABLE other (x INTEGER)")
					require.NoError(t, errors.Join(err, db.Close()))
				}
				_, err := OpenReadOnly(context.Background(), target)
				require.Error(t, err)
				assert.Contains(t, err.Error(), "history store "+hidePassword(target))
				for _, w := range tc.want {
					assert.Contains(t, err.Error(), w)
				}
				assert.Equal(t, tc.version == 99, errors.Is(err, ErrNewerSchema), "%v", err)
			})
		}
	}
}

// TestOpenTwiceMigratesOnce: opening an up-to-date store changes nothing.
func TestOpenTwiceMigratesOnce(t *testing.T) {
	target := filepath.Join(t.TempDir(), "h.db")
	openStore(t, target).Close()
	s := openStore(t, target)
	assert.Equal(t, 1, count(t, s, "schema_version"))
}

func TestDefaultTarget(t *testing.T) {
	t.Setenv(EnvStore, "postgres://h/db")
	got, err := DefaultTarget()
	require.NoError(t, err)
	assert.Equal(t, "postgres://h/db", got)
	t.Setenv(EnvStore, "")
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	got, err = DefaultTarget()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(data, "benchrig", "history.db"), got)
	assert.DirExists(t, filepath.Dir(got))
}
