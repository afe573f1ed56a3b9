package directio

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/testutil"
)

// nameRE is the shape of every sub-benchmark name: psync rows end at sync=,
// the other engines append one engine= segment.
const nameRE = `^op=(randread|seqread|seqwrite|randwrite)/bs=(4KiB|1MiB)/qd=(1|2|4|16|32|64)/io=(direct|buffered)/sync=(none|dsync)(/engine=(raw|uring))?$`

// TestNames pins the benchmark names (a public interface: users keep
// baselines keyed by them) for each engine knob setting, with and without
// -short, in testdata/names.golden; go test -run TestNames -update rewrites
// it.
func TestNames(t *testing.T) {
	var b strings.Builder
	for _, knobValue := range []string{"", "psync", "raw", "uring", "all"} {
		sel, err := parseEngines(knob(knobEngine), knobValue)
		assert.NoError(t, err)
		for _, short := range []bool{false, true} {
			title := "default"
			if knobValue != "" {
				title = knob(knobEngine) + "=" + knobValue
			}
			if short {
				title += " -short"
			}
			b.WriteString("# " + title + "\n")
			seen := map[string]bool{}
			for _, c := range matrix(short, sel) {
				name := c.String()
				assert.Regexp(t, nameRE, name)
				assert.False(t, seen[name], "duplicate %s", name)
				seen[name] = true
				b.WriteString("BenchmarkDirectIO/" + name + "\n")
			}
			assert.NotEmpty(t, seen, "%s selects no cells", title)
		}
	}
	testutil.Golden(t, filepath.Join("testdata", "names.golden"), []byte(b.String()))
}

// TestMatrixShape checks the promises doc.go makes about the cells: psync
// rows keep their names, -short is small, the buffered contrast runs last.
func TestMatrixShape(t *testing.T) {
	def, short := matrix(false, nil), matrix(true, nil)
	for _, c := range short {
		assert.Contains(t, def, c, "-short runs a subset of the default matrix")
	}
	assert.Equal(t, "op=randread/bs=4KiB/qd=1/io=direct/sync=none", def[0].String(), "psync names have no engine= segment")
	assert.Equal(t, bufferedCase, def[len(def)-1])
	assert.Equal(t, bufferedCase, short[len(short)-1])
	count := func(cs []ioCase, e string) (n int) {
		for _, c := range cs {
			if c.engine == e {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 1, count(def, raw))
	assert.Equal(t, 2, count(def, uringEngine))
	assert.Equal(t, 0, count(short, raw))
	assert.Equal(t, 1, count(short, uringEngine), "-short adds at most one uring cell")
	assert.Equal(t, 10, count(matrix(false, []string{uringEngine}), uringEngine))
	assert.Zero(t, count(matrix(false, []string{uringEngine}), psync), "no psync cells unless selected")
}
