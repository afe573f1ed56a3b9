package gate

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/resultfile"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestReadTruncated cuts a real two-package result file at every byte: the
// gate's reader refuses exactly the prefixes resultfile refuses (whose own
// test pins which those are), so a cut run never reaches a verdict.
func TestReadTruncated(t *testing.T) {
	b, err := os.ReadFile("../../internal/resultfile/testdata/multi.txt")
	require.NoError(t, err)
	data := string(b)
	opts, err := Options{}.withDefaults()
	require.NoError(t, err)
	p, err := newParser(opts)
	require.NoError(t, err)
	lines := strings.SplitAfter(data, "\n")
	complete := func(n int) bool {
		prefix := strings.Join(lines[:n], "")
		return resultfile.Check(strings.NewReader(prefix), "multi.txt") == nil
	}
	require.True(t, complete(41), "the first package's block ends at line 41 (PASS)")
	require.True(t, complete(len(lines)-1), "the whole file")
	testutil.EachPrefix(t, data, complete, func(prefix string) error {
		s := p.read(Input{Name: "multi.txt", R: strings.NewReader(prefix)})
		if len(s.errs) > 0 {
			return s.errs
		}
		return nil
	})
}
