package main

import (
	"bytes"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// runArgs runs benchrig with args and returns its exit code and output.
func runArgs(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(&o, &e, args)
	return code, o.String(), e.String()
}

// addRun adds result file i (commit r<i> of the bench/mmap family on
// machine m1, written to dir) to the store db.
func addRun(t *testing.T, db, dir string, i int) (code int, stderr string) {
	t.Helper()
	file := filepath.Join(dir, fmt.Sprintf("c%02d.txt", i))
	data := fmt.Sprintf("machine: m1\nbenchrig: test\npkg: example.com/m/bench/mmap\nBenchmarkA-2 \t 1\t %d ns/op\nPASS\n", 100+i)
	require.NoError(t, os.WriteFile(file, []byte(data), 0o644))
	code, _, stderr = runArgs("history", "add", "-db", db, "-rev", fmt.Sprintf("r%02d", i), "-time", fmt.Sprintf("2026-11-%02dT00:00:00Z", i+1), file)
	return code, stderr
}

// TestHistoryReadOnlyStore: history add to a store this user may not
// write exits 2 naming the store and the fix; show, check and report
// -history still read it. As root it needs chattr (.ci/run also runs it as
// an unprivileged user).
func TestHistoryReadOnlyStore(t *testing.T) {
	for _, tc := range []struct {
		name          string
		roFile, roDir bool
	}{
		{"file read-only", true, false},
		{"dir read-only", false, true},
		{"file and dir read-only", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, files := t.TempDir(), t.TempDir()
			db := filepath.Join(dir, "history.db")
			code, stderr := addRun(t, db, files, 0)
			require.Equal(t, 0, code, stderr)
			if tc.roFile {
				testutil.ReadOnly(t, db)
			}
			if tc.roDir {
				testutil.ReadOnly(t, dir)
			}
			code, stderr = addRun(t, db, files, 1)
			assert.Equal(t, 2, code, "add to a read-only store: %s", stderr)
			for _, w := range []string{"benchrig history: history store " + db, dir, "chmod u+w"} {
				assert.Contains(t, stderr, w)
			}
			for _, tc := range []struct {
				args []string
				want string
			}{
				{[]string{"history", "show", "-db", db}, "A [ns/op, lower is better] on m1: 1 commits"},
				{[]string{"history", "check", "-db", db}, "no regression"},
				{[]string{"report", "-history", db, filepath.Join(files, "c00.txt"), "-o", filepath.Join(files, "r.html")}, "trends: 1 families"},
			} {
				code, stdout, stderr := runArgs(tc.args...)
				assert.Equal(t, 0, code, "%v: %s", tc.args, stderr)
				assert.Contains(t, stdout+stderr, tc.want, "%v", tc.args)
			}
		})
	}
}

// TestHistoryStoreRefused: a store that is missing (for show and check),
// or a PostgreSQL server that refuses the user or the database or does not
// answer, exits 2 naming the store, its password hidden, and the fix.
// The PostgreSQL cases run against $BENCHRIG_TEST_POSTGRES.
func TestHistoryStoreRefused(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.db")
	admin := os.Getenv("BENCHRIG_TEST_POSTGRES")
	pg := func(user, db string) string {
		u, err := url.Parse(admin)
		require.NoError(t, err)
		u.User, u.Path = url.UserPassword(user, "secret"), "/"+db
		return u.String()
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	require.NoError(t, l.Close())
	for _, tc := range []struct {
		name, cmd, db string
		want          []string
	}{
		{"show of a missing store", "show", missing, []string{missing + " does not exist", "history add"}},
		{"check of a missing store", "check", missing, []string{missing + " does not exist", "history add"}},
		{"server down", "add", "postgres://benchrig:secret@127.0.0.1:" + closed + "/postgres?connect_timeout=5", []string{"postgres://benchrig:xxxxx@127.0.0.1:" + closed + "/postgres", "does not answer", "check that the server runs"}},
		{"no such user", "add", "pg:benchrig_no_such_user/postgres", []string{"benchrig_no_such_user:xxxxx@", "refused the", "check the URL's user"}},
		{"no such database", "add", "pg:benchrig/benchrig_no_such_db", []string{"benchrig:xxxxx@", "/benchrig_no_such_db has no such database", "createdb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := tc.db
			if user, name, ok := cutPG(db); ok {
				if admin == "" {
					if os.Getenv("CI") != "" {
						t.Fatal("BENCHRIG_TEST_POSTGRES is unset under CI: .ci/run starts a PostgreSQL server and sets it")
					}
					t.Skip("set BENCHRIG_TEST_POSTGRES to a PostgreSQL URL (a throwaway server) to run the PostgreSQL cases")
				}
				db = pg(user, name)
			}
			args := []string{"history", tc.cmd, "-db", db}
			if tc.cmd == "add" {
				args = append(args, "-rev", "r", "-time", "2026-11-01T00:00:00Z", "c00.txt")
			}
			code, _, stderr := runArgs(args...)
			assert.Equal(t, 2, code)
			assert.NotContains(t, stderr, "secret")
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			assert.NoFileExists(t, missing, "show and check create no store")
		})
	}
}

// cutPG splits a case's "pg:USER/DB" into the user and the database.
func cutPG(db string) (user, name string, ok bool) {
	rest, ok := strings.CutPrefix(db, "pg:")
	if !ok {
		return "", "", false
	}
	return strings.Cut(rest, "/")
}
