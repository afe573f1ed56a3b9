package harness

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIsClaimCell checks which cells a claims run keeps: those whose keys
// include one of the family's claim rows, an absent key matching "key=".
func TestIsClaimCell(t *testing.T) {
	for _, tc := range []struct {
		name, family, cell string
		want               bool
	}{
		{"directio psync row of C7", "directio", "op=randread/bs=4KiB/qd=1/io=direct/sync=none", true},
		{"directio uring row is not psync's", "directio", "op=randread/bs=4KiB/qd=1/io=direct/sync=none/engine=uring", false},
		{"directio qd=4 judges nothing", "directio", "op=randread/bs=4KiB/qd=4/io=direct/sync=none", false},
		{"modres clean build of C6", "modres", "tool=build/mode=vendor/tree=service/cache=clean/gocache=disk", true},
		{"modres clean build on tmpfs", "modres", "tool=build/mode=vendor/tree=service/cache=clean/gocache=tmpfs", false},
		{"modres warm go list", "modres", "tool=golist/mode=mod/tree=service/cache=warm", false},
		{"falseshare packed pair", "falseshare", "layout=packed/goroutines=2", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := IsClaimCell(tc.family, tc.cell)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := IsClaimCell("nosuchfamily", "a=b")
	assert.ErrorContains(t, err, "nosuchfamily")
}
