package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// EnvStore names the variable that sets the default store.
const EnvStore = "BENCHRIG_HISTORY"

// ErrNewerSchema says a store was written by a newer benchrig.
var ErrNewerSchema = errors.New("the store was written by a newer benchrig")

// Store is an open history store.
type Store struct {
	db    *sql.DB
	pg    bool   // PostgreSQL, else SQLite
	where string // the target, with any password hidden, for messages

	midAdd func() // tests: called inside Add's transaction, between the file and its samples
}

// DefaultTarget returns $BENCHRIG_HISTORY, else <user data
// dir>/benchrig/history.db (the dir is created when missing).
func DefaultTarget() (string, error) {
	if v := os.Getenv(EnvStore); v != "" {
		return v, nil
	}
	dir, err := userDataDir()
	if err != nil {
		return "", fmt.Errorf("%s is unset and the user data dir is unknown (%w); set %s to a file path or a postgres:// URL", EnvStore, err, EnvStore)
	}
	dir = filepath.Join(dir, "benchrig")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create the default history dir: %w; set %s to a file path or a postgres:// URL", err, EnvStore)
	}
	return filepath.Join(dir, "history.db"), nil
}

// userDataDir is the per-user data dir: $XDG_DATA_HOME or ~/.local/share
// on Unix, ~/Library/Application Support on macOS, %LocalAppData% on
// Windows.
func userDataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%LocalAppData% is unset")
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Application Support"), err
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	return filepath.Join(home, ".local", "share"), err
}

// IsPostgres reports whether target names a PostgreSQL database.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open opens the store target names (see the package doc), creating an
// SQLite file that does not exist yet, and brings its schema up to date.
// The error names the store and the fix.
func Open(ctx context.Context, target string) (*Store, error) {
	s, err := connect(ctx, target)
	if err != nil {
		return nil, err
	}
	if err := s.check(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("history store %s: %w", s.where, err)
	}
	return s, nil
}

// connect opens the database and checks that it answers.
func connect(ctx context.Context, target string) (*Store, error) {
	if IsPostgres(target) {
		db, err := sql.Open("pgx", target)
		if err != nil {
			return nil, fmt.Errorf("history store %s: %w; check the URL", hidePassword(target), err)
		}
		s := &Store{db: db, pg: true, where: hidePassword(target)}
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("history store %s does not answer: %w; check that the server runs, and the URL's host, port, user, password and database", s.where, err)
		}
		return s, nil
	}
	dir := filepath.Dir(target)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("history store %s: directory %s does not exist; create it (mkdir -p %s) or point %s elsewhere", target, dir, dir, EnvStore)
	}
	dsn := "file:" + target + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", target, err)
	}
	db.SetMaxOpenConns(1) // one writer per process; other processes wait on busy_timeout
	return &Store{db: db, where: target}, nil
}

// check runs SQLite's quick_check, which names a corrupted file instead of
// letting a later write rebuild it. PostgreSQL checks itself.
func (s *Store) check(ctx context.Context) error {
	if s.pg {
		return nil
	}
	var res string
	err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res)
	switch {
	case errors.Is(err, fs.ErrPermission) || err != nil && strings.Contains(err.Error(), "unable to open"):
		return fmt.Errorf("history store %s cannot be opened: %w; check its permissions", s.where, err)
	case err != nil:
		return fmt.Errorf("history store %s is not a readable SQLite database: %w; it is corrupted or not a store: move it away and add the result files again", s.where, err)
	case res != "ok":
		return fmt.Errorf("history store %s is corrupted (quick_check: %s); move it away and add the result files again", s.where, res)
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// hidePassword returns a URL with its password replaced by "xxxxx".
func hidePassword(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
