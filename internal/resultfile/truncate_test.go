package resultfile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// multiComplete are the line counts of multi.txt after which the file is
// whole: from its first block's PASS to go test's ok line, and from the
// second's PASS to the end. Between them the next package's config lines
// open a block (go test prints its pkg: line later).
var multiComplete = [][2]int{{41, 44}, {85, 87}}

// TestTruncation cuts a real two-package file at every byte: a cut in
// the middle of a line, and a cut after a whole line that leaves the last
// block without its closing line, are refused; a cut right after a
// closing line (or the lines that may follow it) is read.
func TestTruncation(t *testing.T) {
	data := string(testdata(t, "multi.txt"))
	lines := strings.SplitAfter(data, "\n")
	require.Equal(t, "PASS\n", lines[multiComplete[0][0]-1])
	require.Equal(t, "PASS\n", lines[multiComplete[1][0]-1])
	complete := func(n int) bool { return inRanges(n, multiComplete) }
	testutil.EachPrefix(t, data, complete, func(prefix string) error {
		return Check(strings.NewReader(prefix), "multi.txt")
	})
}

func inRanges(n int, rs [][2]int) bool {
	for _, r := range rs {
		if r[0] <= n && n <= r[1] {
			return true
		}
	}
	return false
}
