package directio

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestNames pins the benchmark names (a public interface: users keep
// baselines keyed by them) in testdata/names.golden; go test -run TestNames
// -update rewrites it.
func TestNames(t *testing.T) {
	var b strings.Builder
	for _, short := range []bool{false, true} {
		title := "default"
		if short {
			title = "-short"
		}
		b.WriteString("# " + title + "\n")
		seen := map[string]bool{}
		for _, c := range matrix(short) {
			name := c.String()
			assert.Regexp(t, `^op=(randread|seqread|seqwrite|randwrite)/bs=(4KiB|1MiB)/qd=(1|2|4|16)/io=(direct|buffered)/sync=(none|dsync)$`, name)
			assert.False(t, seen[name], "duplicate %s", name)
			seen[name] = true
			b.WriteString("BenchmarkDirectIO/" + name + "\n")
		}
	}
	for _, c := range shortMatrix {
		assert.Contains(t, fullMatrix, c, "-short runs a subset of the default matrix")
	}
	testutil.Golden(t, filepath.Join("testdata", "names.golden"), []byte(b.String()))
}
