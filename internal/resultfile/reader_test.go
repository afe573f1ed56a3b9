package resultfile

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestRealFiles reads files written by go test (one package, two
// packages, several runs at once into one BENCHRIG_DIR), by a test binary
// run directly and by benchrig run and ab (then cmd/benchrun).
func TestRealFiles(t *testing.T) {
	cases := []struct {
		file           string
		results, notes int
		skips          int
	}{
		{"multi.txt", 9, 0, 1},
		{"binary.txt", 5, 0, 0},
		{"benchrun.txt", 18, 0, 0}, // benchrun keeps stderr out of the file
		{"concurrent.txt", 18, 14, 1},
		{"ab.txt", 10, 0, 0}, // cmd/benchrun ab, with pair: lines
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			data := testdata(t, tc.file)
			recs, errs := readAll(t, tc.file, data)
			require.Empty(t, errs)
			assert.Equal(t, tc.results, count(recs, "result"))
			assert.Equal(t, tc.notes, count(recs, "note"))
			assert.Equal(t, tc.skips, count(recs, "skip"))
			assert.Equal(t, strings.Count(string(data), "\nBenchmark"), tc.results, "every Benchmark line is one result")
			require.NoError(t, Check(strings.NewReader(string(data)), tc.file))
		})
	}
}

// TestSplicedGolden pins every record of the concurrent run, whose notes
// landed inside result lines, with its line number.
func TestSplicedGolden(t *testing.T) {
	recs, errs := readAll(t, "concurrent.txt", testdata(t, "concurrent.txt"))
	require.Empty(t, errs)
	testutil.Golden(t, filepath.Join("testdata", "golden", "concurrent.txt"), []byte(strings.Join(recs, "\n")+"\n"))
}

const head = "pkg: example.com/p\n"

func TestSplice(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"note after the name", head + "BenchmarkA-2 \t# benchrig: busy\n     100\t   123 ns/op\t  5 B/op\nPASS\n",
			[]string{"2 note busy", "2 result A-2 123 ns/op 5 B/op"}},
		{"more notes before the numbers", head + "BenchmarkA/x=1-2   \t# benchrig: one\n# benchrig: two\n# benchrig: skip BenchmarkB: no disk\n  7\t 9 ns/op\nPASS\n",
			[]string{"2 note one", "2 result A/x=1-2 9 ns/op", "3 note two", "4 skip BenchmarkB: no disk"}},
		{"note on its own line", head + "# benchrig: before\nBenchmarkA-2 \t 1\t 2 ns/op\nok  \texample.com/p\t0.1s\n",
			[]string{"2 note before", "3 result A-2 2 ns/op"}},
		{"name then interrupted", head + "BenchmarkA-2 \t 1\t 2 ns/op\nBenchmarkB-2 \t\ninterrupted: sigint\n",
			[]string{"2 result A-2 2 ns/op", "4 interrupted sigint"}},
		{"spliced name then interrupted", head + "BenchmarkA-2 \t 1\t 2 ns/op\nBenchmarkB-2 \t# benchrig: busy\n\ninterrupted: sigterm\n",
			[]string{"2 result A-2 2 ns/op", "3 note busy", "5 interrupted sigterm"}},
		{"-v name line", head + "BenchmarkA\nBenchmarkA-2 \t 1\t 2 ns/op\nPASS\n",
			[]string{"3 result A-2 2 ns/op"}},
		{"go test skip", head + "--- SKIP: BenchmarkB\n    no disk here\nBenchmarkA-2 \t 1\t 2 ns/op\nPASS\n",
			[]string{"2 skip BenchmarkB: no disk here", "4 result A-2 2 ns/op"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := readAll(t, "x.txt", []byte(tc.in))
			require.Empty(t, errs)
			assert.Equal(t, tc.want, recs)
		})
	}
}
