package gate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// TestDefaultRowIsRowName checks that the gate's default row (the
// .fullname projection without /gomaxprocs) is the result-file package's
// row identity, which the report and the history store use: a row is the
// same row in all three.
func TestDefaultRowIsRowName(t *testing.T) {
	for _, tc := range []struct{ name, line string }{
		{"plain", "BenchmarkX-2 1 10 ns/op"},
		{"no procs suffix", "BenchmarkX 1 10 ns/op"},
		{"keys", "BenchmarkDirectIO/op=randread/bs=4KiB/qd=1/io=direct-2 1 10 ns/op"},
		{"dash inside a key", "BenchmarkMmap/size=64MiB/prefault=madv-populate-8 1 10 ns/op"},
		{"plain sub-benchmark", "BenchmarkX/small/case-16 1 10 ns/op"},
		{"one cpu", "BenchmarkResolve/tool=build/mode=mod 1 10 ns/op"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, err := Options{}.withDefaults()
			require.NoError(t, err)
			p, err := newParser(opts)
			require.NoError(t, err)
			s := p.read(Input{Name: "f", R: strings.NewReader("pkg: example.com/p\n" + tc.line + "\nok  \texample.com/p\t1.0s\n")})
			require.Empty(t, s.errs)
			require.Len(t, s.order, 1)
			pkg, got := p.rowName(s.order[0])
			assert.Equal(t, "example.com/p", pkg)

			r := benchfmt.NewReader(strings.NewReader(tc.line+"\n"), "f")
			require.True(t, r.Scan())
			res, ok := r.Result().(*benchfmt.Result)
			require.True(t, ok)
			assert.Equal(t, resultfile.RowName(res.Name), got)
		})
	}
}
