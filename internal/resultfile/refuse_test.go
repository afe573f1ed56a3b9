package resultfile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefused(t *testing.T) {
	ok := "BenchmarkA-2 \t 1\t 2 ns/op\n"
	cases := []struct {
		name string
		in   string
		kind error
		want string // the first error
	}{
		{"empty file", "", ErrNotResults, "x.txt:1: not benchmark results: empty file; write the output of go test"},
		{"not benchmark output", "hello\nworld\n", ErrNotResults, "x.txt:1: not benchmark results: no benchmark result lines in 2 lines"},
		{"no closing line", head + ok, ErrCut, "x.txt:2: the run was cut short: the results of pkg example.com/p (from line 1) end here without a closing line"},
		{"no closing line before the next pkg", head + ok + head + ok + "PASS\n", ErrCut, "x.txt:2: the run was cut short: the results of pkg example.com/p (from line 1) end here"},
		{"config of a package that never started", head + ok + "PASS\nmachine: m\n", ErrCut, "x.txt:4: the run was cut short: the results (from line 4) end here"},
		{"no newline at the end", head + ok + "PASS", ErrCut, "x.txt:3: the run was cut short: the file ends in the middle of this line"},
		{"unit cut at the end", head + "BenchmarkA-2 \t 1\t 86806 ns/o", ErrCut, "x.txt:2: the run was cut short: the file ends in the middle of this line"},
		{"unit cut, more appended", head + "BenchmarkA-2 \t 1\t 86806 ns/o\nPASS\n", ErrCut, `x.txt:2: the run was cut short: unit "ns/o" is the start of "ns/op"; rerun`},
		{"unit cut, file's own unit", head + "Unit wid/op better=lower\nBenchmarkA-2 \t 1\t 5 wid/o\nPASS\n", ErrCut, `x.txt:3: the run was cut short: unit "wid/o" is the start of "wid/op"`},
		{"value without unit", head + "BenchmarkA-2 \t 1\t 86806\nPASS\n", ErrCut, "x.txt:2: the run was cut short: value 86806 has no unit"},
		{"count without values", head + "BenchmarkA-2 \t 1\nPASS\n", ErrCut, "x.txt:2: the run was cut short: the result has an iteration count but no values"},
		{"cut after the name", head + ok + "BenchmarkB-2 \t\nPASS\n", ErrCut, "x.txt:3: the run was cut short: BenchmarkB-2 has a name but no result"},
		{"spliced, numbers never came", head + ok + "BenchmarkB-2 \t# benchrig: busy\n--- FAIL: BenchmarkB-2\nFAIL\n", ErrCut, "x.txt:3: the run was cut short: BenchmarkB-2 has a name but no result"},
		{"failed mid-line", head + ok + "BenchmarkB-2 \t--- FAIL: BenchmarkB-2\nFAIL\n", ErrInvalid, "x.txt:3: malformed line: parsing iteration count"},
		{"not UTF-8 name", head + "BenchmarkA\xff-2 \t 1\t 2 ns/op\nPASS\n", ErrInvalid, "x.txt:2: malformed line: benchmark line is not valid UTF-8"},
		{"not UTF-8 config", "machine: caf\xe9\n" + head + ok + "PASS\n", ErrInvalid, "x.txt:1: malformed line: not valid UTF-8; config and Unit lines"},
		{"not UTF-8 pkg", "pkg: caf\xe9\n" + ok + "PASS\n", ErrInvalid, "x.txt:1: malformed line: not valid UTF-8"},
		{"long line", head + ok + "BenchmarkA-2 1 " + strings.Repeat("1", 1<<20) + " ns/op\n" + ok + "PASS\n", ErrInvalid, "x.txt:3: malformed line: line longer than 65535 bytes"},
		{"long line without a newline", head + ok + "PASS\n" + strings.Repeat("x", 100000), ErrInvalid, "x.txt:4: malformed line: line longer than 65535 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(strings.NewReader(tc.in), "x.txt")
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.kind)
			first, _, _ := strings.Cut(err.Error(), "\n")
			assert.Contains(t, first, tc.want)
			assert.Equal(t, 1, strings.Count(first, "x.txt"), "the path once")
		})
	}
}

// TestLongLineKeepsReading: a long line is refused at its own number and
// the lines after it are still read.
func TestLongLineKeepsReading(t *testing.T) {
	in := head + strings.Repeat("y", 3*MaxLine) + "\nBenchmarkA-2 \t 1\t 2 ns/op\nPASS\n"
	recs, errs := readAll(t, "x.txt", []byte(in))
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "x.txt:2: ")
	assert.Equal(t, []string{"3 result A-2 2 ns/op"}, recs)
}

func TestCheckFile(t *testing.T) {
	require.NoError(t, CheckFile("testdata/multi.txt"))
	err := CheckFile("testdata/nonexistent.txt")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "testdata/nonexistent.txt")
	assert.Contains(t, err.Error(), "pass the path of a go test -bench output file")
}
