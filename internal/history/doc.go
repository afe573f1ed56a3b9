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
// # Reading, writing, and what goes wrong
//
// [Open] opens a store to add to it. [OpenReadOnly] opens an existing
// store only to read it, as history show, history check and report
// -history do: an SQLite file is opened read-only (mode=ro), so neither it
// nor its directory need be writable, and a read goes on while an add
// writes; a missing file is an error, not created; the schema version is
// checked, not migrated, so a store of another version is refused (a
// history add migrates an older one).
//
// An add writes the SQLite file and its rollback journal, which SQLite
// creates next to it: the file and its directory must both be writable.
// The add takes the write lock when its transaction begins and waits up to
// 10 s (SQLite's busy timeout) for another add, or any sqlite connection,
// that holds it; a read waits as long for one that holds the exclusive
// lock. A wait that runs out fails; nothing was written.
//
// Every error names the store (a PostgreSQL URL with its password hidden,
// in the user info or in the query), the cause and the fix: a store
// locked by another benchrig or sqlite, read-only to this user (the file
// or its directory), one that cannot be opened, is corrupted, is not a
// store or was written by a newer benchrig; a server that does not answer
// or refuses the password, the user or the database.
//
// # Change points
//
// [ChangePoints] finds the commits where a series' level changes, the way
// Apache Otava does (after Fleming et al., "Hunter: Using Change Point
// Detection to Hunt for Performance Regressions"): E-Divisive means
// (Matteson and James) proposes the split of a segment that maximizes the
// energy divergence q-hat, Student's t-test of the two sides decides
// whether it is kept, sliding windows of Window commits (stepping half a
// window) propose weak change points at a relaxed p-value (ten times
// Alpha), and a merge step drops the weakest until every one left has
// p < Alpha and a relative change above MinChange. Defaults are Otava's:
// window 50, p 0.001, no minimum change. A change point always falls
// between two commits (it is the first commit of the new level); q-hat
// proposes it from the commits' medians, and the t-test decides over every
// sample of the commits on each side (a -count 10 run is ten samples).
//
// One deviation from Otava: the t-test's p-value of a split is multiplied
// by the number of commits the split could have fallen at (Bonferroni).
// The split is the best of all of them, picked by looking at the data, so
// the raw p-value is far too small: on step-free series of 200 commits at
// a CV of 2%, Otava's rule gives about one false change point in ten
// series, the corrected one none in 200 (a simulation test). A real step
// keeps a tiny p-value either way. On the series of testdata/otava.json,
// ChangePoints gives the indexes Otava itself gives, except for weak steps
// whose corrected p-value is above alpha (a test names each).
//
// # What is refused
//
// A file the result-file reader refuses (cut short, malformed), a file
// from an interrupted run (as the gate refuses it), a file without a
// machine: line, and a file whose rows carry more than one machine label.
package history
