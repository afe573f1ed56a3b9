package history

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// File is one result file to add.
type File struct {
	Name    string // its path, for messages
	Data    []byte
	Rev     string    // the revision of the code under test
	RevTime time.Time // its commit time
}

// Added says what Add stored.
type Added struct {
	Duplicate bool // the same content was stored before: nothing added
	Series    int  // series (row × unit) in the file
	Samples   int  // values stored
}

// Add stores every sample of f in one transaction: on any error, or if the
// process dies midway, the store is as it was. A file whose content is
// already stored adds nothing.
func (s *Store) Add(ctx context.Context, f File) (Added, error) {
	if f.Rev == "" {
		return Added{}, fmt.Errorf("%s: no revision given for the code under test", f.Name)
	}
	p, err := parse(f.Name, f.Data)
	if err != nil {
		return Added{}, err
	}
	sum := sha256.Sum256(f.Data)
	tx, err := s.begin(ctx)
	if err != nil {
		return Added{}, err
	}
	defer tx.Rollback()
	id, err := s.insertFile(ctx, tx, f, p, hex.EncodeToString(sum[:]))
	if errors.Is(err, sql.ErrNoRows) {
		return Added{Duplicate: true, Series: len(p.order)}, nil
	}
	if err != nil {
		return Added{}, s.writeErr(err)
	}
	if s.midAdd != nil {
		s.midAdd()
	}
	n, err := s.insertSamples(ctx, tx, id, p)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return Added{}, s.writeErr(err)
	}
	return Added{Series: len(p.order), Samples: n}, nil
}

// insertFile stores the file row and its config; sql.ErrNoRows means a
// file with that hash is stored already.
func (s *Store) insertFile(ctx context.Context, tx *sql.Tx, f File, p *parsed, hash string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO files (hash, name, machine, benchrig, rev, rev_time, added)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id`),
		hash, f.Name, p.machine, p.benchrig, f.Rev, f.RevTime.Unix(), time.Now().Unix()).Scan(&id)
	if err != nil {
		return 0, err
	}
	for _, k := range slices.Sorted(maps.Keys(p.config)) {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO file_config (file_id, key, value) VALUES (?, ?, ?)"), id, k, p.config[k]); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// insertSamples stores every series' values and returns how many.
func (s *Store) insertSamples(ctx context.Context, tx *sql.Tx, file int64, p *parsed) (int, error) {
	ins, err := tx.PrepareContext(ctx, s.q("INSERT INTO samples (file_id, series_id, seq, value) VALUES (?, ?, ?, ?)"))
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	n := 0
	for _, k := range p.order {
		sid, err := s.seriesID(ctx, tx, k)
		if err != nil {
			return 0, err
		}
		for i, v := range p.values[k] {
			if _, err := ins.ExecContext(ctx, file, sid, i, v); err != nil {
				return 0, err
			}
			n++
		}
	}
	return n, nil
}

// seriesID returns the id of series k, adding it when new. Concurrent
// adders of the same new series both end with its one id.
func (s *Store) seriesID(ctx context.Context, tx *sql.Tx, k seriesKey) (int64, error) {
	if _, err := tx.ExecContext(ctx, s.q("INSERT INTO series (pkg, name, unit) VALUES (?, ?, ?) ON CONFLICT (pkg, name, unit) DO NOTHING"), k.pkg, k.name, k.unit); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q("SELECT id FROM series WHERE pkg = ? AND name = ? AND unit = ?"), k.pkg, k.name, k.unit).Scan(&id)
	return id, err
}
