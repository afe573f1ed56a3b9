// Package history keeps every benchmark run benchrig is given: the samples
// of every row of a result file, with the machine and config lines it was
// measured on, the benchrig version that measured it, and the revision of
// the code under test with its commit time.
//
// # The store
//
// A store is an SQLite file (modernc.org/sqlite, pure Go) or, for a fleet
// of runners, a PostgreSQL database (pgx), named by [Open]'s target: a
// postgres:// or postgresql:// URL, else a file path. The default target is
// $BENCHRIG_HISTORY, else <user data dir>/benchrig/history.db. Both hold
// the same tables and behave the same:
//
//   - files: one per result file added, keyed by the SHA-256 of its
//     content, so adding the same file twice adds nothing;
//   - file_config: the file's config lines (the first value of each key);
//   - series: one per row and unit, a row being the package and the
//     benchmark's full name without the -N GOMAXPROCS suffix;
//   - samples: every value of every series in every file.
//
// Each file goes in one transaction, so a killed add leaves the store as
// it was, and many runners may add at once: nothing is lost or stored
// twice. The schema is versioned (table schema_version); [Open] migrates an
// older store and refuses a newer one. An SQLite store is checked with
// PRAGMA quick_check when opened, so a corrupted file is named, never
// silently rebuilt.
//
// # What is refused
//
// A file the result-file reader refuses (cut short, malformed), a file
// from an interrupted run (as the gate refuses it), a file without a
// machine: line, and a file whose rows carry more than one machine label.
package history
