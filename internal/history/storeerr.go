package history

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// explain names the store, the cause and the fix of an SQLite error of a
// kind the user can act on (the store is locked, read-only, or cannot be
// opened); it returns nil for any other error.
func (s *Store) explain(err error) error {
	var se *sqlite.Error
	if s.pg || !errors.As(err, &se) {
		return nil
	}
	dir := filepath.Dir(s.where)
	if se.Code() == sqlite3.SQLITE_READONLY_DIRECTORY {
		return fmt.Errorf("history store %s: its directory %s is read-only to this user, and an add writes the store's journal there (%w); make it writable (chmod u+w %s), or add to another store (-db or %s)", s.where, dir, err, dir, EnvStore)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY:
		return fmt.Errorf("history store %s is locked: another benchrig or sqlite holds it and did not let go within %s (%w); retry when that one is done (lsof %s names it)", s.where, s.busy, err, s.where)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("history store %s is read-only to this user (%w); adding needs write access to the file and to its directory %s: make both writable (chmod u+w), or add to another store (-db or %s); show and check only read", s.where, err, dir, EnvStore)
	case sqlite3.SQLITE_CANTOPEN:
		if s.readOnly {
			return fmt.Errorf("history store %s cannot be opened (%w); check that this user may read it (ls -l %s)", s.where, err, s.where)
		}
		return fmt.Errorf("history store %s cannot be opened to add to it (%w); this user must be able to read and write it and to create files (its journal) in its directory %s: check ls -ld %s %s and chmod u+w what is not writable, or add to another store (-db or %s)", s.where, err, dir, s.where, dir, EnvStore)
	}
	return nil
}

// writeErr names the store and the cause of a failed write.
func (s *Store) writeErr(err error) error {
	if e := s.explain(err); e != nil {
		return e
	}
	return fmt.Errorf("history store %s: %w; check that it is writable and not locked by another process", s.where, err)
}

// readErr names the store and the cause of a failed read.
func (s *Store) readErr(err error) error {
	if e := s.explain(err); e != nil {
		return e
	}
	return fmt.Errorf("history store %s: %w", s.where, err)
}

// connectErr names a PostgreSQL store (where, its password hidden) that
// refused a connection or did not answer, with the likely fix; pgx's
// error, which may run over lines (one per address tried), comes last.
func connectErr(where string, err error) error {
	var pe *pgconn.PgError
	var ne net.Error
	switch {
	case errors.As(err, &pe) && pe.Code == "28P01":
		return fmt.Errorf("history store %s refused the password; check the URL's user and password (or PGPASSWORD, ~/.pgpass): %w", where, err)
	case errors.As(err, &pe) && pe.Code == "28000":
		return fmt.Errorf("history store %s refused the login; check the URL's user, and that the server's pg_hba.conf lets it connect from here: %w", where, err)
	case errors.As(err, &pe) && pe.Code == "3D000":
		return fmt.Errorf("history store %s has no such database; check the URL's database, or create it (createdb): %w", where, err)
	case errors.As(err, &ne):
		return fmt.Errorf("history store %s does not answer; check that the server runs and the URL's host and port: %w", where, err)
	}
	return fmt.Errorf("history store %s refused the connection; check that the server runs, and the URL's host, port, user, password and database: %w", where, err)
}

// hidePassword returns a URL with its password, in the user info or in
// the query, replaced by "xxxxx".
func hidePassword(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://…"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
