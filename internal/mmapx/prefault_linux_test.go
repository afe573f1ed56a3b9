package mmapx_test

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/benchrig/benchrig/internal/mmapx"
)

// TestPrefaultFillsPageTables checks where the page-fault cost lands: after
// MAP_POPULATE or MADV_POPULATE_READ, touching every page of a warm file takes
// (almost) no faults; without them, it does. On a private mapping, only
// MAP_POPULATE breaks copy-on-write, so only it makes later writes fault-free.
func TestPrefaultFillsPageTables(t *testing.T) {
	requirePopulateRead := func(t *testing.T) {
		if err := mmapx.ProbePopulateRead(); err != nil {
			t.Skip(err)
		}
	}
	tests := []struct {
		name      string
		o         mmapx.Options
		advice    mmapx.Advice
		write     bool
		wantFault bool // touching faults at least once
	}{
		{"shared-none-read", mmapx.Options{}, 0, false, true},
		{"shared-populate-read", mmapx.Options{Populate: true}, 0, false, false},
		{"shared-madv-populate-read", mmapx.Options{}, mmapx.PopulateRead, false, false},
		{"private-none-write", mmapx.Options{Private: true}, 0, true, true},
		{"private-populate-write", mmapx.Options{Private: true, Populate: true}, 0, true, false},
		{"private-madv-populate-read-write", mmapx.Options{Private: true}, mmapx.PopulateRead, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.advice == mmapx.PopulateRead {
				requirePopulateRead(t)
			}
			f, want := testFile(t) // written, so warm
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()

			b, err := mmapx.Map(f, len(want), tt.o)
			require.NoError(t, err)
			defer func() { require.NoError(t, mmapx.Unmap(b)) }()
			if tt.advice != 0 {
				require.NoError(t, mmapx.Advise(b, tt.advice))
			}
			page := os.Getpagesize()
			before := threadFaults(t)
			var sum byte
			for i := 0; i < len(b); i += page {
				if tt.write {
					b[i]++
				} else {
					sum += b[i]
				}
			}
			faults := threadFaults(t) - before
			t.Logf("%d faults touching %d pages (sum %d)", faults, len(b)/page, sum)
			if tt.wantFault {
				assert.Positive(t, faults)
			} else {
				// A stray fault in the runtime (stack growth, GC) is allowed;
				// one per page is not.
				assert.LessOrEqual(t, faults, int64(testPages/32))
			}
		})
	}
}

// TestPopulateReadsColdFile checks that the synchronous prefaults bring a
// cold file fully into the page cache before they return.
func TestPopulateReadsColdFile(t *testing.T) {
	tests := []struct {
		name   string
		o      mmapx.Options
		advice mmapx.Advice
	}{
		{"map-populate", mmapx.Options{Populate: true}, 0},
		{"madv-populate-read", mmapx.Options{}, mmapx.PopulateRead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.advice == mmapx.PopulateRead {
				if err := mmapx.ProbePopulateRead(); err != nil {
					t.Skip(err)
				}
			}
			f, want := testFile(t)
			evict(t, f)
			b, err := mmapx.Map(f, len(want), tt.o)
			require.NoError(t, err)
			defer func() { require.NoError(t, mmapx.Unmap(b)) }()
			if tt.advice != 0 {
				require.NoError(t, mmapx.Advise(b, tt.advice))
			}
			assert.Equal(t, testPages, resident(t, b))
			assert.True(t, bytes.Equal(want, b), "mapping differs from the file")
		})
	}
}

func TestWillNeed(t *testing.T) {
	f, want := testFile(t)
	evict(t, f)
	b, err := mmapx.Map(f, len(want), mmapx.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, mmapx.Unmap(b)) }()
	require.NoError(t, mmapx.Advise(b, mmapx.WillNeed))
	// Readahead is asynchronous: only the result of reading is certain.
	assert.True(t, bytes.Equal(want, b), "mapping differs from the file")
	assert.Equal(t, testPages, resident(t, b))
}

func TestProbePopulateRead(t *testing.T) {
	var u unix.Utsname
	require.NoError(t, unix.Uname(&u))
	release := unix.ByteSliceToString(u.Release[:])
	err := mmapx.ProbePopulateRead()
	if kernelAtLeast(t, release, 5, 14) {
		assert.NoError(t, err, "kernel %s", release)
		return
	}
	assert.ErrorIs(t, err, mmapx.ErrPopulateReadUnsupported)
	assert.ErrorContains(t, err, release)
}

func kernelAtLeast(t *testing.T, release string, major, minor int) bool {
	t.Helper()
	var ma, mi int
	parts := strings.SplitN(release, ".", 3)
	require.GreaterOrEqual(t, len(parts), 2, "kernel release %q", release)
	ma, err := strconv.Atoi(parts[0])
	require.NoError(t, err, "kernel release %q", release)
	mi, err = strconv.Atoi(strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	require.NoError(t, err, "kernel release %q", release)
	return ma > major || ma == major && mi >= minor
}

func ExampleMap() {
	f, err := os.CreateTemp("", "mmapx-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.WriteString("hello, page cache"); err != nil {
		fmt.Println(err)
		return
	}

	b, err := mmapx.Map(f, 5, mmapx.Options{Populate: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", b)
	if err := mmapx.Unmap(b); err != nil {
		fmt.Println(err)
	}
	// Output: hello
}
