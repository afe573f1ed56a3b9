package falseshare

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/cpu"

	"github.com/benchrig/benchrig/harness"
)

const line64 = 64

// lineSizes returns the cache-line sizes the layout tests check: 64 bytes,
// the toolchain's cpu.CacheLinePad size, and the machine's line as the
// harness reports it (when known), deduplicated.
func lineSizes(t *testing.T) []int {
	t.Helper()
	sizes := []int{line64}
	if pad := int(unsafe.Sizeof(cpu.CacheLinePad{})); pad > 0 {
		sizes = append(sizes, pad)
	}
	for _, c := range harness.Environment(t.TempDir()) {
		if c.Key != "cacheline" {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSuffix(c.Value, "B")); err == nil && n > 0 {
			sizes = append(sizes, n)
		} else {
			t.Logf("machine cache line %q not known; checking %v only", c.Value, sizes)
		}
	}
	slices.Sort(sizes)
	return slices.Compact(sizes)
}

func addr(p unsafe.Pointer) uintptr { return uintptr(p) }

// layoutCase is one TestLayouts case: where newCounters puts the counters
// of one layout.
type layoutCase struct {
	layout layout
	// distance is the byte distance between consecutive counters.
	distance int
	// carved layouts start at a page-aligned base.
	carved bool
	// sameLine64 and ownLine64 say where the counters fall with a
	// 64-byte line: all on one line, or each on its own line.
	sameLine64, ownLine64 bool
}

const paddedSize = int(unsafe.Sizeof(padded{}))

var layoutCases = []layoutCase{
	{layout: shared, distance: 0, carved: true, sameLine64: true},
	{layout: packed, distance: 8, carved: true, sameLine64: true},
	{layout: pad64, distance: 64, carved: true, ownLine64: true},
	{layout: pad128, distance: 128, carved: true, ownLine64: true},
	{layout: cachelinepad, distance: paddedSize, ownLine64: paddedSize >= line64},
}

func TestLayouts(t *testing.T) {
	var ls []layout
	for _, tt := range layoutCases {
		ls = append(ls, tt.layout)
	}
	require.ElementsMatch(t, layouts, ls, "every benchmarked layout has a test case")
	lines := lineSizes(t)

	for _, tt := range layoutCases {
		for _, g := range []int{2, 4, 8} {
			t.Run(fmt.Sprintf("layout=%s/goroutines=%d", tt.layout, g), func(t *testing.T) {
				c, err := newCounters(tt.layout, g)
				require.NoError(t, err)
				as := counterAddrs(t, c, g)
				checkPlacement(t, tt, c, as)
				for _, l := range lines {
					checkLine(t, tt, l, as)
				}
				if tt.layout == cachelinepad {
					checkPads(t, c, lines, as)
				}
			})
		}
	}
}

// counterAddrs returns the addresses of c's g counters, each 8-byte aligned.
func counterAddrs(t *testing.T, c *counters, g int) []uintptr {
	t.Helper()
	require.Len(t, c.ptrs, g)
	as := make([]uintptr, g)
	for i, p := range c.ptrs {
		require.NotNil(t, p, "counter %d", i)
		as[i] = addr(unsafe.Pointer(p))
		assert.Zero(t, as[i]%8, "counter %d at %#x is not 8-byte aligned", i, as[i])
	}
	return as
}

// checkPlacement checks the distance between consecutive counters at as
// and, for a carved layout, that the first one is at c's page-aligned base.
func checkPlacement(t *testing.T, tt layoutCase, c *counters, as []uintptr) {
	t.Helper()
	for i := 1; i < len(as); i++ {
		assert.Equal(t, tt.distance, int(as[i]-as[i-1]), "distance from counter %d to %d", i-1, i)
	}
	if tt.carved {
		page := uintptr(os.Getpagesize())
		assert.Zero(t, c.base%page, "base %#x is not page-aligned (page %d B)", c.base, page)
		assert.Equal(t, c.base, as[0], "first counter is not at the base")
	}
}

// checkLine checks where the counters at as fall with an l-byte cache line:
// none straddles two lines, and they share lines as tt says.
func checkLine(t *testing.T, tt layoutCase, l int, as []uintptr) {
	t.Helper()
	g := len(as)
	lineOf := func(a uintptr) uintptr { return a / uintptr(l) }
	distinct := map[uintptr]bool{}
	for _, a := range as {
		assert.Equal(t, lineOf(a), lineOf(a+7), "a counter at %#x straddles two %d-byte lines", a, l)
		distinct[lineOf(a)] = true
	}
	sameLine := len(distinct) == 1
	ownLine := len(distinct) == g
	switch {
	case l == line64:
		assert.Equal(t, tt.sameLine64, sameLine, "%d-byte line: all counters on one line", l)
		assert.Equal(t, tt.ownLine64, ownLine, "%d-byte line: each counter on its own line", l)
	case tt.distance >= l:
		assert.True(t, ownLine, "%d-byte line: counters %d B apart share a line", l, tt.distance)
	case tt.carved && (g-1)*tt.distance+8 <= l:
		assert.True(t, sameLine, "%d-byte line: counters within %d B of a line-aligned base span %d lines", l, (g-1)*tt.distance+8, len(distinct))
	default:
		t.Logf("%d-byte line: %d B apart, %d goroutines, %d lines: no claim", l, tt.distance, g, len(distinct))
	}
}

// checkPads checks the point of the pads of cachelinepad: the line holding
// a counter lies inside its own padded element, so nothing else (another
// counter or an unrelated object) can share it.
func checkPads(t *testing.T, c *counters, lines []int, as []uintptr) {
	t.Helper()
	ps, ok := c.mem.([]padded)
	require.True(t, ok, "cachelinepad memory is %T, want []padded", c.mem)
	for _, l := range lines {
		if l > int(unsafe.Sizeof(cpu.CacheLinePad{})) {
			t.Logf("%d-byte line is larger than cpu.CacheLinePad (%d B): no claim", l, unsafe.Sizeof(cpu.CacheLinePad{}))
			continue
		}
		for i := range ps {
			lo := addr(unsafe.Pointer(&ps[i]))
			hi := lo + unsafe.Sizeof(ps[i])
			start := as[i] / uintptr(l) * uintptr(l)
			assert.True(t, start >= lo && start+uintptr(l) <= hi,
				"%d-byte line [%#x,%#x) of counter %d leaves its element [%#x,%#x)", l, start, start+uintptr(l), i, lo, hi)
		}
	}
}

func TestNewCountersBadInput(t *testing.T) {
	tests := []struct {
		name   string
		layout layout
		g      int
		want   string
	}{
		{"zero-goroutines", packed, 0, "need at least 1"},
		{"negative-goroutines", cachelinepad, -3, "need at least 1"},
		{"unknown-layout", layout("pad32"), 2, `unknown layout "pad32"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newCounters(tt.layout, tt.g)
			assert.Nil(t, c)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestVerify(t *testing.T) {
	const n = 100
	tests := []struct {
		name    string
		layout  layout
		adds    []uint64 // added to counter i before verify
		wantErr string
	}{
		{"shared-ok", shared, []uint64{3 * n}, ""},
		{"shared-lost-add", shared, []uint64{3*n - 1}, "shared counter = 299, want 300"},
		{"packed-ok", packed, []uint64{n, n, n}, ""},
		{"packed-lost-add", packed, []uint64{n, n - 1, n}, "counter 1 = 99, want 100"},
		{"pad64-wrong-counter", pad64, []uint64{n + 1, n - 1, n}, "counter 0 = 101, want 100"},
		{"cachelinepad-ok", cachelinepad, []uint64{n, n, n}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newCounters(tt.layout, 3)
			require.NoError(t, err)
			for i, a := range tt.adds {
				c.ptrs[i].Add(a)
			}
			err = c.verify(n)
			if tt.wantErr == "" {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, tt.wantErr)
			}
		})
	}
}
