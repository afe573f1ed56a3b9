package units_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/harness/units"
)

func TestBetter(t *testing.T) {
	for _, tc := range []struct {
		unit, want string
	}{
		{"ns/op", units.Lower},
		{"sec/op", units.Lower},
		{"p99.9-ns", units.Lower},
		{"read-B/op", units.Lower},
		{"MB/s", units.Higher},
		{"io/s", units.Higher},
		{"adds/s", units.Higher},
		{"s", units.Lower},
		{"/s/op", units.Lower},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			assert.Equal(t, tc.want, units.Better(tc.unit))
		})
	}
}
