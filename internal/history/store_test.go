package history

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envPostgres is a PostgreSQL URL the tests may create databases in (CI
// starts a throwaway server and sets it); without it the PostgreSQL cases
// skip, except under CI=true, where they fail.
const envPostgres = "BENCHRIG_TEST_POSTGRES"

// backend names a store kind and makes a fresh, empty store of it.
type backend struct {
	name   string
	target func(t *testing.T) string
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "history.db") }},
		{"postgres", freshPostgres},
	}
}

// freshPostgres creates a database of its own for t on the test server and
// drops it when t ends.
func freshPostgres(t *testing.T) string {
	t.Helper()
	admin := os.Getenv(envPostgres)
	if admin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is unset under CI: .ci/run starts a PostgreSQL server and sets it", envPostgres)
		}
		t.Skipf("set %s to a PostgreSQL URL (a throwaway server) to run the PostgreSQL cases", envPostgres)
	}
	db, err := sql.Open("pgx", admin)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "benchrig_test_" + hex.EncodeToString(b)
	_, err = db.Exec("CREATE DATABASE " + name)
	require.NoError(t, err, "create a test database on %s", admin)
	t.Cleanup(func() { _, _ = db.Exec("DROP DATABASE " + name + " WITH (FORCE)") })
	return withDatabase(t, admin, name)
}

func openStore(t *testing.T, target string) *Store {
	t.Helper()
	s, err := Open(context.Background(), target)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func readFile(t *testing.T, name string) File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return File{Name: name, Data: data, Rev: "abc123", RevTime: time.Unix(1764900000, 0)}
}

// count returns the number of rows of table.
func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

func TestAdd(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			s := openStore(t, be.target(t))
			f := readFile(t, "multi.txt")
			a, err := s.Add(context.Background(), f)
			require.NoError(t, err)
			assert.False(t, a.Duplicate)
			assert.Positive(t, a.Samples)
			assert.Equal(t, a.Samples, count(t, s, "samples"))
			assert.Equal(t, a.Series, count(t, s, "series"))
			assert.Equal(t, 1, count(t, s, "files"))

			again, err := s.Add(context.Background(), f)
			require.NoError(t, err)
			assert.True(t, again.Duplicate, "the same content twice adds nothing")
			assert.Equal(t, a.Samples, count(t, s, "samples"))
			assert.Equal(t, 1, count(t, s, "files"))
		})
	}
}

// TestAddRefuses: what the store refuses leaves it as it was.
func TestAddRefuses(t *testing.T) {
	multi := readFile(t, "multi.txt")
	for _, tc := range []struct {
		name string
		file File
		want string
	}{
		{"interrupted run", readFile(t, "interrupted.txt"), "the run was interrupted"},
		{"cut short", File{Name: "cut.txt", Data: multi.Data[:len(multi.Data)/2], Rev: "r"}, "cut short"},
		{"no machine line", File{Name: "nomachine.txt", Data: []byte("pkg: p\nBenchmarkX-2 \t 1\t 5 ns/op\nPASS\n"), Rev: "r"}, "no machine: config line"},
		{"no revision", File{Name: "multi.txt", Data: multi.Data}, "no revision"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t, filepath.Join(t.TempDir(), "h.db"))
			_, err := s.Add(context.Background(), tc.file)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, 0, count(t, s, "files"))
			assert.Equal(t, 0, count(t, s, "samples"))
		})
	}
}

// dump returns every sample with its file and series, in a fixed order.
func dump(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT f.hash, f.name, f.machine, f.benchrig, f.rev, f.rev_time, se.pkg, se.name, se.unit, sa.seq, sa.value
		FROM samples sa JOIN files f ON f.id = sa.file_id JOIN series se ON se.id = sa.series_id
		ORDER BY f.hash, se.pkg, se.name, se.unit, sa.seq`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var hash, name, machine, benchrig, rev, pkg, sname, unit string
		var revTime int64
		var seq int
		var v float64
		require.NoError(t, rows.Scan(&hash, &name, &machine, &benchrig, &rev, &revTime, &pkg, &sname, &unit, &seq, &v))
		out = append(out, fmt.Sprint(hash[:12], name, machine, benchrig, rev, revTime, pkg, sname, unit, seq, v))
	}
	require.NoError(t, rows.Err())
	return out
}

// TestBackendsHoldTheSame: the SQLite file and the PostgreSQL tables hold
// the same rows for the same input.
func TestBackendsHoldTheSame(t *testing.T) {
	var dumps [][]string
	for _, be := range backends() {
		s := openStore(t, be.target(t))
		for i := range 3 {
			_, err := s.Add(context.Background(), variant(t, i))
			require.NoError(t, err)
		}
		dumps = append(dumps, dump(t, s))
	}
	require.Len(t, dumps, 2)
	require.NotEmpty(t, dumps[0])
	assert.Equal(t, dumps[0], dumps[1])
}
