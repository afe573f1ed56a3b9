package cpuload

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     times
		err      string
	}{
		{"full", "cpu  10 1 5 100 4 1 1 2 7 0\ncpu0 1 1 1 1 1 1 1 1\n", times{124, 104}, ""},
		{"old kernel", "cpu 10 0 5 100\n", times{115, 100}, ""},
		{"short", "cpu 10 0 5\n", times{}, "at least 4 counters"},
		{"bad number", "intr 1\ncpu 10 x 5 100\n", times{}, "/proc/stat:2: counter 2"},
		{"missing", "intr 1\n", times{}, "no aggregate cpu line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse([]byte(tc.in))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("cpu  10 1 5 100 4 1 1 2 7 0\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = parse(b) // must not panic
	})
}
