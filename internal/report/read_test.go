package report

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/resultfile"
	"github.com/benchrig/benchrig/internal/testutil"
)

const rfdata = "../resultfile/testdata/"

func TestReadRefusesBadFiles(t *testing.T) {
	head := "machine: m\npkg: example.com/p\n"
	res := "BenchmarkA-2 \t 1\t 2 ns/op\n"
	for _, tc := range []struct {
		name, data, want string
	}{
		{"no closing line", head + res, "x.txt:3: the run was cut short: the results of pkg example.com/p (from line 1) end here"},
		{"cut in a line", head + "BenchmarkA-2 \t 1\t 86806 ns/o", "x.txt:3: the run was cut short: the file ends in the middle of this line"},
		{"cut after the name", head + res + "BenchmarkB-2 \t\nPASS\n", "x.txt:4: the run was cut short: BenchmarkB-2 has a name but no result"},
		{"not UTF-8 name", head + "BenchmarkA\xfe-2 \t 1\t 2 ns/op\nPASS\n", "x.txt:3: malformed line: benchmark line is not valid UTF-8"},
		{"long line", head + res + strings.Repeat("z", 1<<20) + "\n" + res + "PASS\n", "x.txt:4: malformed line: line longer than 65535 bytes"},
		{"not benchmark output", "hello\n", "x.txt:1: not benchmark results: no benchmark result lines in 1 lines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read([]Input{{Name: "x.txt", Data: []byte(tc.data)}})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, 1, strings.Count(err.Error(), "x.txt"), "the path once: %v", err)
		})
	}
}

// TestReadSpliced reads a real file of several go test runs at once, whose
// harness notes landed inside result lines: every result is read and the
// skip note is kept.
func TestReadSpliced(t *testing.T) {
	d := readData(t, rfdata+"concurrent.txt")
	require.Len(t, d.Files, 1)
	assert.Equal(t, 18, d.Files[0].Results)
	require.Len(t, d.Machines, 1)
	skip, ok := d.Machines[0].Skips["MmapPrivate"]
	require.True(t, ok, "skips: %v", d.Machines[0].Skips)
	assert.Contains(t, skip.Reason, "-short")
	assert.Equal(t, rfdata+"concurrent.txt:107", skip.Where)
}

// TestReadTruncated cuts a real two-package file at every byte: Read
// refuses exactly what resultfile refuses (whose own test pins which
// prefixes those are).
func TestReadTruncated(t *testing.T) {
	b, err := os.ReadFile(rfdata + "multi.txt")
	require.NoError(t, err)
	data := string(b)
	lines := strings.SplitAfter(data, "\n")
	complete := func(n int) bool {
		return resultfile.Check(strings.NewReader(strings.Join(lines[:n], "")), "multi.txt") == nil
	}
	require.True(t, complete(41), "the first package's block ends at line 41 (PASS)")
	testutil.EachPrefix(t, data, complete, func(prefix string) error {
		_, err := Read([]Input{{Name: "multi.txt", Data: []byte(prefix)}})
		return err
	})
}
