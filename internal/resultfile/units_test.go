package resultfile_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/resultfile"
)

func TestBetter(t *testing.T) {
	for _, tc := range []struct {
		unit, want string
	}{
		{"ns/op", resultfile.Lower},
		{"sec/op", resultfile.Lower},
		{"p99.9-ns", resultfile.Lower},
		{"read-B/op", resultfile.Lower},
		{"MB/s", resultfile.Higher},
		{"io/s", resultfile.Higher},
		{"adds/s", resultfile.Higher},
		{"s", resultfile.Lower},
		{"/s/op", resultfile.Lower},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			assert.Equal(t, tc.want, resultfile.Better(tc.unit))
		})
	}
}
