package modres

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

const straceTable = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 70.00    0.000194          13        14         4 openat
 30.00    0.000010           5         2           open
------ ----------- ----------- --------- --------- ----------------
100.00    0.000204          13        16         4 total
`

func TestParseStraceSummary(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     int64
		wantErr  string
	}{
		{"openat and open", straceTable, 12, ""},
		{"empty", "", 0, "no open, openat or openat2 row"},
		{"other calls only", "100.00 0.1 1 5 0 read\n", 0, "no open"},
		{"bad calls", "10.0 0.1 1 x 0 openat\n", 0, `calls "x" is not a count`},
		{"errors above calls", "10.0 0.1 1 3 4 openat\n", 0, `errors "4"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseStraceSummary([]byte(tc.in))
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParseStraceSummary(f *testing.F) {
	f.Add([]byte(straceTable))
	f.Add([]byte("1 2 3 4 5 openat2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := parseStraceSummary(b)
		if err == nil {
			assert.GreaterOrEqual(t, n, int64(0))
		}
	})
}

// TestTracedGoList counts the files go list opens through the strace
// wrapper: a positive count, from a run that succeeded.
func TestTracedGoList(t *testing.T) {
	testutil.RequireLinux(t)
	s := tinySetup(t)
	st, err := strace()
	if err != nil {
		t.Skipf("opens/op unavailable: %v", err)
	}
	tr, err := newTracer(t.TempDir(), st, testutil.RequireGo(t))
	require.NoError(t, err)
	for _, mode := range modes {
		_, err = runGoList(tr.Script, s, mode)
		require.NoError(t, err)
		n, err := tr.opens()
		require.NoError(t, err)
		assert.Greater(t, n, int64(10), "mode=%s: go list opens files", mode)
		t.Logf("mode=%s: go list -deps -json opened %d files", mode, n)
	}
}
