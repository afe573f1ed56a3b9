package history

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkAdd adds a real suite file (the report's shipped reference: the
// default suite at -count 6, 264 result lines) to an SQLite store. Each
// iteration adds it under a new revision line, so nothing is a duplicate.
func BenchmarkAdd(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "report", "reference.txt"))
	require.NoError(b, err)
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "h.db"))
	require.NoError(b, err)
	defer s.Close()
	i := 0
	for b.Loop() {
		i++
		f := File{Name: "reference.txt", Data: append(fmt.Appendf(nil, "iteration: %d\n", i), data...), Rev: fmt.Sprint(i), RevTime: time.Unix(int64(i), 0)}
		if _, err := s.Add(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShow reads every series of a store of 1,000 commits × 100 rows
// × 2 machines (5 samples each) and finds their change points, as history
// show does with no filter.
func BenchmarkShow(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "h.db"))
	require.NoError(b, err)
	defer s.Close()
	fill(b, s, 1000, 100, 2, 5)
	for b.Loop() {
		series, err := s.Series(context.Background(), Query{}, ChangeOptions{})
		if err != nil || len(series) != 200 {
			b.Fatalf("%d series, %v", len(series), err)
		}
	}
}

// fill writes commits × rows × machines × samples straight into the
// tables, in one transaction (adding 2,000 files one by one would dominate
// the benchmark's set-up).
func fill(b *testing.B, s *Store, commits, rows, machines, samples int) {
	ctx := context.Background()
	tx, err := s.begin(ctx)
	require.NoError(b, err)
	defer tx.Rollback()
	for r := range rows {
		_, err := tx.ExecContext(ctx, s.q("INSERT INTO series (id, pkg, name, unit) VALUES (?, ?, ?, ?)"), r+1, "example.com/p", fmt.Sprintf("Row/n=%d", r), "ns/op")
		require.NoError(b, err)
	}
	ins, err := tx.PrepareContext(ctx, s.q("INSERT INTO samples (file_id, series_id, seq, value) VALUES (?, ?, ?, ?)"))
	require.NoError(b, err)
	rnd := rand.New(rand.NewPCG(1, 1))
	id := 0
	for m := range machines {
		for c := range commits {
			id++
			_, err := tx.ExecContext(ctx, s.q("INSERT INTO files (id, hash, name, machine, benchrig, rev, rev_time, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
				id, fmt.Sprint(id), "f", fmt.Sprint("m", m), "b", fmt.Sprintf("%040d", c), c, 0)
			require.NoError(b, err)
			for r := range rows {
				for k := range samples {
					_, err := ins.ExecContext(ctx, id, r+1, k, 100*(1+0.02*rnd.NormFloat64()))
					require.NoError(b, err)
				}
			}
		}
	}
	require.NoError(b, tx.Commit())
}
