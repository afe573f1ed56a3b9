package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// FuzzParseCPUStat: any /proc/stat text either parses into non-negative
// times or is an error; it never panics.
//
//	go test ./internal/platform -run '^$' -fuzz '^FuzzParseCPUStat$' -fuzztime 60s -fuzzminimizetime 1s
func FuzzParseCPUStat(f *testing.F) {
	f.Add("cpu  100 2 30 400 5 6 7 8 0 0\ncpu0 50 1 15 200 2 3 3 4 0 0\n")
	f.Add("cpu 1 2 3\n")
	f.Add("intr 1 2 3\n")
	f.Add("cpu 9223372036854775807 1 1 1 1 1 1 1\n")
	f.Fuzz(func(t *testing.T, s string) {
		st, err := parseCPUStat(s)
		if err != nil {
			return
		}
		assert.GreaterOrEqual(t, st.Busy, 0*st.Busy)
		assert.GreaterOrEqual(t, int64(st.Idle), int64(0))
		assert.GreaterOrEqual(t, int64(st.Steal), int64(0))
	})
}
