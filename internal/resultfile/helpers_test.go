package resultfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchfmt"
)

// readAll reads data and returns one line per record ("line kind
// detail") and the refused lines' messages, file:line included.
func readAll(t testing.TB, name string, data []byte) (recs, errs []string) {
	t.Helper()
	r := NewReader(strings.NewReader(string(data)), name)
	for r.Scan() {
		rec := r.Record()
		_, line := rec.Pos()
		switch rec := rec.(type) {
		case *benchfmt.Result:
			recs = append(recs, fmt.Sprintf("%d result %s %s", line, rec.Name, values(rec)))
		case *benchfmt.UnitMetadata:
			recs = append(recs, fmt.Sprintf("%d unit %s %s=%s", line, rec.OrigUnit, rec.Key, rec.Value))
		case *Note:
			recs = append(recs, fmt.Sprintf("%d note %.60s", line, rec.Text))
		case *Skip:
			recs = append(recs, fmt.Sprintf("%d skip %s: %s", line, rec.Name, rec.Reason))
		case *Interrupted:
			recs = append(recs, fmt.Sprintf("%d interrupted %s", line, rec.Signal))
		case *Error:
			errs = append(errs, rec.Error())
		default:
			t.Fatalf("unexpected record %T", rec)
		}
	}
	require.NoError(t, r.Err())
	return recs, errs
}

func values(res *benchfmt.Result) string {
	var b strings.Builder
	for i, v := range res.Values {
		if i > 0 {
			b.WriteByte(' ')
		}
		unit, val := v.OrigUnit, v.OrigValue
		if unit == "" {
			unit, val = v.Unit, v.Value
		}
		fmt.Fprintf(&b, "%g %s", val, unit)
	}
	return b.String()
}

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// count returns how many records of recs have kind.
func count(recs []string, kind string) int {
	n := 0
	for _, r := range recs {
		if strings.Fields(r)[1] == kind {
			n++
		}
	}
	return n
}
