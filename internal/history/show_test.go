package history

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// synthetic returns the result file of commit i of a series whose
// BenchmarkA ns/op steps from 100 to 110 at commit step (5 samples, CV 1%),
// and whose BenchmarkB MB/s stays at 50.
func synthetic(r *rand.Rand, machine string, i, step int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "machine: %s\nbenchrig: test\ngoos: linux\npkg: example.com/p\n", machine)
	a := 100.0
	if i >= step {
		a = 110
	}
	for range 5 {
		fmt.Fprintf(&b, "BenchmarkA-2 \t 1\t %.3f ns/op\n", a*(1+0.01*r.NormFloat64()))
		fmt.Fprintf(&b, "BenchmarkB-2 \t 1\t 10 ns/op\t %.3f MB/s\n", 50*(1+0.01*r.NormFloat64()))
	}
	b.WriteString("PASS\nok  \texample.com/p\t1.0s\n")
	return []byte(b.String())
}

// storeOf adds 30 commits of synthetic files (a step at commit 20) for
// each machine to a fresh SQLite store.
func storeOf(t *testing.T, machines ...string) *Store {
	t.Helper()
	s := openStore(t, filepath.Join(t.TempDir(), "h.db"))
	r := rand.New(rand.NewPCG(3, 4))
	for _, m := range machines {
		for i := range 30 {
			f := File{Name: fmt.Sprintf("%s-%02d.txt", m, i), Data: synthetic(r, m, i, 20), Rev: fmt.Sprintf("%02x%038x", i+1, i+1), RevTime: time.Date(2026, 11, 1+i, 12, 0, 0, 0, time.UTC)}
			_, err := s.Add(context.Background(), f)
			require.NoError(t, err)
		}
	}
	return s
}

func TestSeries(t *testing.T) {
	s := storeOf(t, "m1", "m2")
	all, err := s.Series(context.Background(), Query{}, ChangeOptions{})
	require.NoError(t, err)
	require.Len(t, all, 6, "A ns/op, B ns/op and B MB/s on two machines")
	a, err := s.Series(context.Background(), Query{Machine: "m1", Bench: regexp.MustCompile(` A$`), Unit: "ns/op"}, ChangeOptions{})
	require.NoError(t, err)
	require.Len(t, a, 1)
	se := a[0]
	assert.Equal(t, "example.com/p", se.Pkg)
	assert.Equal(t, "A", se.Name)
	require.Len(t, se.Points, 30)
	assert.Len(t, se.Points[0].Samples, 5)
	rep := se.Reports()
	require.Len(t, rep, 1)
	assert.Equal(t, 20, rep[0].Index)
	assert.Equal(t, fmt.Sprintf("%02x%038x", 21, 21), rep[0].Rev)
	assert.InDelta(t, 10, rep[0].ChangePct, 1)
	assert.True(t, rep[0].Regression, "ns/op went up")

	last, err := s.Series(context.Background(), Query{Machine: "m1", Unit: "ns/op", Bench: regexp.MustCompile(` A$`), Last: 5}, ChangeOptions{})
	require.NoError(t, err)
	assert.Len(t, last[0].Points, 5)
}

func TestRegressions(t *testing.T) {
	s := storeOf(t, "m1")
	all, err := s.Series(context.Background(), Query{}, ChangeOptions{})
	require.NoError(t, err)
	for _, tc := range []struct {
		name      string
		last      int
		threshold float64
		want      int
	}{
		{"step within the last 10 commits", 10, 0.05, 1},
		{"step before the last 5", 5, 0.05, 0},
		{"threshold above the step", 10, 0.20, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Regressions(all, tc.last, tc.threshold)
			assert.Len(t, fs, tc.want)
			var md bytes.Buffer
			WriteFindings(&md, fs, tc.last, tc.threshold)
			assert.Contains(t, md.String(), "history check")
		})
	}
}

func TestShowFormats(t *testing.T) {
	s := storeOf(t, "m1")
	se, err := s.Series(context.Background(), Query{Bench: regexp.MustCompile(` A$`)}, ChangeOptions{})
	require.NoError(t, err)
	var text, md, js bytes.Buffer
	require.NoError(t, WriteText(&text, se))
	require.NoError(t, WriteMarkdown(&md, se))
	require.NoError(t, WriteJSON(&js, se))
	testutil.Golden(t, filepath.Join("testdata", "show.txt"), text.Bytes())
	testutil.Golden(t, filepath.Join("testdata", "show.md"), md.Bytes())
	testutil.Golden(t, filepath.Join("testdata", "show.json"), js.Bytes())
	var doc map[string]any
	require.NoError(t, json.Unmarshal(js.Bytes(), &doc))
	assert.EqualValues(t, JSONVersion, doc["version"])
}
