package history

import (
	"context"
	"database/sql"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pwRole is the role TestPostgresRefused logs in as with a wrong
// password. .ci/run's server asks this role for its password (a
// scram-sha-256 line in pg_hba.conf) and trusts every other one.
const pwRole = "benchrig_pw"

// postgresAdmin returns the test server's URL, skipping t without one (or
// failing it under CI, as freshPostgres does).
func postgresAdmin(t *testing.T) string {
	t.Helper()
	admin := os.Getenv(envPostgres)
	if admin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is unset under CI: .ci/run starts a PostgreSQL server and sets it", envPostgres)
		}
		t.Skipf("set %s to a PostgreSQL URL (a throwaway server) to run the PostgreSQL cases", envPostgres)
	}
	return admin
}

// pgURL returns admin with user, password (none when "") and database.
func pgURL(t *testing.T, admin, user, password, db string) *url.URL {
	t.Helper()
	u, err := url.Parse(admin)
	require.NoError(t, err)
	u.User = url.User(user)
	if password != "" {
		u.User = url.UserPassword(user, password)
	}
	u.Path = "/" + db
	return u
}

// passwordRole creates pwRole with the password "right" for the length of t.
func passwordRole(t *testing.T, admin string) {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	require.NoError(t, err)
	defer db.Close()
	if _, err := db.Exec("CREATE ROLE " + pwRole + " LOGIN PASSWORD 'right'"); err != nil {
		_, err = db.Exec("ALTER ROLE " + pwRole + " LOGIN PASSWORD 'right'")
		require.NoError(t, err, "create or alter the role %s", pwRole)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		require.NoError(t, err)
		defer db.Close()
		_, _ = db.Exec("DROP ROLE IF EXISTS " + pwRole)
	})
}

// requirePassword skips t (fails it under CI) unless the server refuses
// pwRole a wrong password and lets it in with the right one.
func requirePassword(t *testing.T, admin string) {
	t.Helper()
	ping := func(password string) error {
		db, err := sql.Open("pgx", pgURL(t, admin, pwRole, password, "postgres").String())
		require.NoError(t, err)
		defer db.Close()
		return db.Ping()
	}
	require.NoError(t, ping("right"), "the right password lets %s in", pwRole)
	if ping("wrong") == nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the server let %s in with a wrong password: .ci/run's pg_hba.conf asks it for one", pwRole)
		}
		t.Skipf("the server does not ask %s for a password (pg_hba.conf trusts it); .ci/run's does", pwRole)
	}
}

// closedPort returns a local TCP port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	require.NoError(t, l.Close())
	return port
}

// TestPostgresRefused: a server that refuses the password, the user or the
// database, or does not answer, is named by its URL with the password
// hidden, with the cause and the fix; against the real test server.
func TestPostgresRefused(t *testing.T) {
	admin := postgresAdmin(t)
	passwordRole(t, admin)
	down := pgURL(t, admin, "benchrig", "secret", "postgres")
	down.Host = "127.0.0.1:" + closedPort(t)
	down.RawQuery = "connect_timeout=5"
	inQuery := pgURL(t, admin, "benchrig", "", "benchrig_no_such_db")
	inQuery.RawQuery = "password=secret"
	for _, tc := range []struct {
		name   string
		target *url.URL
		want   []string // besides the URL, its password hidden
	}{
		{"wrong password", pgURL(t, admin, pwRole, "secret", "postgres"), []string{"refused the password", "check the URL's user and password"}},
		{"no such user", pgURL(t, admin, "benchrig_no_such_user", "secret", "postgres"), []string{"refused the", "check the URL's user"}},
		{"no such database", pgURL(t, admin, "benchrig", "secret", "benchrig_no_such_db"), []string{"has no such database", "createdb"}},
		{"server down", down, []string{"does not answer", "check that the server runs and the URL's host and port"}},
		{"password in the query", inQuery, []string{"password=xxxxx", "has no such database"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "wrong password" {
				requirePassword(t, admin)
			}
			_, err := Open(context.Background(), tc.target.String())
			require.Error(t, err)
			hidden := *tc.target
			if _, ok := hidden.User.Password(); ok {
				hidden.User = url.UserPassword(hidden.User.Username(), "xxxxx")
			}
			hidden.RawQuery = ""
			assert.Contains(t, err.Error(), "history store "+hidden.String())
			assert.NotContains(t, err.Error(), "secret")
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
