package falseshare

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/testutil"
)

func TestGoroutineCounts(t *testing.T) {
	tests := []struct {
		name  string
		procs int
		short bool
		want  []int
	}{
		{"procs-1", 1, false, []int{1, 2}},
		{"procs-2", 2, false, []int{2}},
		{"procs-8", 8, false, []int{2, 8}},
		{"short", 8, true, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, goroutineCounts(tt.procs, tt.short))
		})
	}
}

// TestNames pins the benchmark names (a public interface: users keep
// baselines keyed by them) in testdata/names.golden, for a 2-CPU and an
// 8-CPU machine and for -short; go test -run TestNames -update rewrites it.
func TestNames(t *testing.T) {
	var b strings.Builder
	for _, tc := range []struct {
		procs int
		short bool
	}{{2, false}, {8, false}, {8, true}} {
		fmt.Fprintf(&b, "# GOMAXPROCS=%d short=%v\n", tc.procs, tc.short)
		for _, c := range matrix(tc.procs, tc.short) {
			assert.Regexp(t, `^layout=[a-z0-9]+/goroutines=[0-9]+$`, c.name())
			b.WriteString("BenchmarkFalseSharing/" + c.name() + "\n")
		}
	}
	testutil.Golden(t, filepath.Join("testdata", "names.golden"), []byte(b.String()))
}
