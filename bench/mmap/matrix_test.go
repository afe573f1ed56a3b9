package mmap

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestNames pins the benchmark names (a public interface: users keep
// baselines keyed by them) in testdata/names.golden; go test -run TestNames
// -update rewrites it.
func TestNames(t *testing.T) {
	var b strings.Builder
	section := func(title string, size int64, family string, vs []variant) {
		b.WriteString("# " + title + "\n")
		for _, v := range vs {
			b.WriteString(family + "/" + v.name(size) + "\n")
		}
	}
	section("default", defaultSize, "BenchmarkMmap", sharedMatrix(false))
	section("default", defaultSize, "BenchmarkMmapPrivate", privateMatrix())
	section("-short", shortSize, "BenchmarkMmap", sharedMatrix(true))
	got := b.String()

	seg := regexp.MustCompile(`^[a-z]+=[a-z0-9-]+$`)
	want := []string{"size", "cache", "prefault", "access"}
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "/")[1:]
		require.Len(t, parts, len(want), line)
		for i, p := range parts {
			assert.Regexp(t, seg, strings.ToLower(p), line)
			assert.True(t, strings.HasPrefix(p, want[i]+"="), "%s: segment %d is %q, want key %s", line, i, p, want[i])
		}
	}

	testutil.Golden(t, filepath.Join("testdata", "names.golden"), []byte(got))
}
