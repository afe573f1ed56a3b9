package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/benchrig/benchrig/internal/history"
)

var historyCmd = &command{
	name:  "history",
	args:  "add [-db DB] [-rev REV] [-time T] FILE... | show [flags] | check [flags]",
	short: "remember every run; show trends and change points; check main in CI",
	long: `History keeps every sample of every result file in a store: an SQLite
file (-db PATH), or a PostgreSQL database for a fleet of runners (-db
postgres://...). The default is $BENCHRIG_HISTORY, else
<user data dir>/benchrig/history.db. See go doc ./internal/history.

  add FILE...  stores each file in one transaction, with its machine and
               config lines, benchrig's version and the revision of the
               code under test (-rev, default the checked-out commit of the
               git repository here) and its commit time (-time RFC 3339,
               default the commit's). The same file twice adds nothing. A
               file cut short or from an interrupted run is refused.
  show         prints each series (a row and unit on one machine) over
               commits: median and interval per commit, and the change
               points (E-Divisive means with a t-test, as Apache Otava).
  check        exits 1 when a regression change point of at least
               -threshold starts within the last -last commits of any
               series on any machine, naming the row, the machine, the
               revision and the change; writes markdown for a CI job
               summary.

Show and check only read: they open the store read-only, so they need no
write access to it and read while an add writes. An add waits up to 10 s
for another to finish with an SQLite store.

Exit 0, 1 a regression (check), 2 usage, input or store error (a store
that is missing, not writable for add, locked, refusing or unreachable).
`,
}

func init() { historyCmd.run = cmdHistory }

func cmdHistory(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(historyCmd, stderr)
	if len(args) == 0 {
		return usageErr(fs, "want add, show or check")
	}
	switch args[0] {
	case "add":
		return historyAdd(ctx, fs, stdout, args[1:])
	case "show":
		return historyShow(ctx, fs, stdout, args[1:])
	case "check":
		return historyCheck(ctx, fs, stdout, args[1:])
	case "-h", "-help", "--help":
		fs.help()
		return exitErr(0)
	}
	return usageErr(fs, "unknown history command %q: want add, show or check", args[0])
}

// openHistory opens the store -db names, else the default: to add to it,
// or read-only (show, check and report only read, so a store they may not
// write, or one another add holds, is still read).
func openHistory(ctx context.Context, db string, readOnly bool) (*history.Store, error) {
	if db == "" {
		var err error
		if db, err = history.DefaultTarget(); err != nil {
			return nil, err
		}
	}
	if readOnly {
		return history.OpenReadOnly(ctx, db)
	}
	return history.Open(ctx, db)
}

func historyAdd(ctx context.Context, fs *flagSet, stdout io.Writer, args []string) error {
	db := fs.String("db", "", "the store: an SQLite `path` or a postgres:// URL (default $BENCHRIG_HISTORY, else the user data dir)")
	rev := fs.String("rev", "", "the `revision` of the code under test (default: the git repository here, HEAD)")
	at := fs.String("time", "", "its commit `time`, RFC 3339 (default: from git)")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageErr(fs, "history add: want one or more result files")
	}
	r, t, err := revision(*rev, *at)
	if err != nil {
		return err
	}
	s, err := openHistory(ctx, *db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, path := range resolveAll(files) {
		data, err := readResultFile(path)
		if err != nil {
			return err
		}
		a, err := s.Add(ctx, history.File{Name: path, Data: data, Rev: r, RevTime: t})
		switch {
		case err != nil:
			return err
		case a.Duplicate:
			fmt.Fprintf(stdout, "%s: stored before; nothing added\n", path)
		default:
			fmt.Fprintf(stdout, "%s: added %d samples of %d series at %s\n", path, a.Samples, a.Series, r)
		}
	}
	return nil
}

// revision resolves -rev and -time: both given are taken as written;
// otherwise git in the current directory fills in what is missing.
func revision(rev, at string) (string, time.Time, error) {
	var t time.Time
	if at != "" {
		var err error
		if t, err = time.Parse(time.RFC3339, at); err != nil {
			return "", t, fmt.Errorf("-time %q: not RFC 3339 (e.g. 2026-12-05T20:00:00Z): %w", at, err)
		}
		if rev != "" {
			return rev, t, nil
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", t, err
	}
	full, gitTime, err := history.Revision(wd, rev)
	if err != nil {
		return "", t, err
	}
	if at == "" {
		t = gitTime
	}
	return full, t, nil
}

// readResultFile reads a file named on the command line.
func readResultFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w; give a result file (go tool benchrig run writes one)", err)
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a directory; give a result file", path)
	}
	return os.ReadFile(path)
}
