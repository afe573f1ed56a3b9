package history

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// EnvStore names the variable that sets the default store.
const EnvStore = "BENCHRIG_HISTORY"

// ErrNewerSchema says a store was written by a newer benchrig.
var ErrNewerSchema = errors.New("the store was written by a newer benchrig")

// Store is an open history store.
type Store struct {
	db       *sql.DB
	pg       bool          // PostgreSQL, else SQLite
	where    string        // the target, with any password hidden, for messages
	readOnly bool          // opened by OpenReadOnly
	busy     time.Duration // SQLite: how long a statement waits for another's lock

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

// Open opens the store target names (see the package doc) to add to it,
// creating an SQLite file that does not exist yet, and brings its schema
// up to date. The error names the store and the fix.
func Open(ctx context.Context, target string) (*Store, error) {
	return open(ctx, target, options{})
}

// OpenReadOnly opens an existing store only to read it: an SQLite file is
// opened read-only (neither it nor its directory need be writable, and a
// missing file is an error, not created), and the schema is checked, not
// migrated. Add on such a store fails.
func OpenReadOnly(ctx context.Context, target string) (*Store, error) {
	return open(ctx, target, options{readOnly: true})
}

// busyTimeout is how long an SQLite statement waits for a lock another
// connection holds (another benchrig adding) before it fails.
const busyTimeout = 10 * time.Second

// options are open's knobs; tests set busy.
type options struct {
	readOnly bool
	busy     time.Duration // SQLite's busy timeout; 0 is busyTimeout
}

func open(ctx context.Context, target string, o options) (*Store, error) {
	var s *Store
	var err error
	if IsPostgres(target) {
		s, err = connectPostgres(ctx, target)
	} else {
		s, err = connectSQLite(target, o)
	}
	if err != nil {
		return nil, err
	}
	s.readOnly = o.readOnly
	if err = s.check(ctx); err == nil {
		if o.readOnly {
			err = s.checkVersion(ctx)
		} else {
			err = s.migrate(ctx)
		}
	}
	if err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// connectPostgres opens the database and checks that it answers.
func connectPostgres(ctx context.Context, target string) (*Store, error) {
	where := hidePassword(target)
	db, err := sql.Open("pgx", target)
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w; check the URL", where, err)
	}
	s := &Store{db: db, pg: true, where: where}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, connectErr(where, err)
	}
	return s, nil
}

// connectSQLite opens the file, read-only or to write (where a write
// transaction takes the write lock at once).
func connectSQLite(target string, o options) (*Store, error) {
	dir := filepath.Dir(target)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("history store %s: directory %s does not exist; create it (mkdir -p %s) or point %s elsewhere", target, dir, dir, EnvStore)
	}
	if _, err := os.Stat(target); o.readOnly && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("history store %s does not exist; add result files to it first (benchrig history add -db %s FILE...), or check the path", target, target)
	}
	s := &Store{where: target, busy: cmp.Or(o.busy, busyTimeout)}
	dsn := fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", target, s.busy.Milliseconds())
	if o.readOnly {
		dsn += "&mode=ro"
	} else {
		dsn += "&_txlock=immediate"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", target, err)
	}
	db.SetMaxOpenConns(1) // one writer per process; other processes wait on busy_timeout
	s.db = db
	return s, nil
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
	case err != nil && s.explain(err) != nil:
		return s.explain(err)
	case err != nil:
		return fmt.Errorf("history store %s is not a readable SQLite database: %w; it is corrupted or not a store: move it away and add the result files again", s.where, err)
	case res != "ok":
		return fmt.Errorf("history store %s is corrupted (quick_check: %s); move it away and add the result files again", s.where, res)
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }
