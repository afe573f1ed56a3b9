package mmap

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/mmapx"
	"github.com/benchrig/benchrig/internal/testutil"
)

func TestNewMapperOrder(t *testing.T) {
	f, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer f.Close()
	const page, pages = 4096, 64
	seq := newMapper(f, pages*page, page, false, prefaultNone, accessSeq).offsets
	rnd := newMapper(f, pages*page, page, false, prefaultNone, accessRand).offsets
	rnd2 := newMapper(f, pages*page, page, false, prefaultNone, accessRand).offsets

	require.Len(t, seq, pages)
	for i, off := range seq {
		assert.Equal(t, i*page, off)
	}
	assert.Equal(t, rnd, rnd2, "the rand order is fixed by its seed")
	assert.NotEqual(t, seq, rnd, "the rand order is shuffled")
	sorted := slices.Clone(rnd)
	slices.Sort(sorted)
	assert.Equal(t, seq, sorted, "the rand order touches every page once")
}

func TestNewMapperOptions(t *testing.T) {
	tests := []struct {
		name       string
		private    bool
		p          prefault
		wantOpts   mmapx.Options
		wantAdvice mmapx.Advice
	}{
		{"none", false, prefaultNone, mmapx.Options{}, 0},
		{"populate", false, prefaultPopulate, mmapx.Options{Populate: true}, 0},
		{"willneed", false, prefaultWillNeed, mmapx.Options{}, mmapx.WillNeed},
		{"populate-read", false, prefaultPopulateRead, mmapx.Options{}, mmapx.PopulateRead},
		{"private-populate", true, prefaultPopulate, mmapx.Options{Private: true, Populate: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMapper(nil, 4096, 4096, tt.private, tt.p, accessSeq)
			assert.Equal(t, tt.wantOpts, m.opts)
			assert.Equal(t, tt.wantAdvice, m.advice)
		})
	}
}

// TestOpSum checks that every variant of one op reads one byte per page: the
// sum it returns is the sum of the first byte of every page.
func TestOpSum(t *testing.T) {
	testutil.RequireLinux(t)
	if err := mmapx.ProbePopulateRead(); err != nil {
		t.Skip(err)
	}
	page := os.Getpagesize()
	size := 64 * page
	path := filepath.Join(t.TempDir(), "data")
	require.NoError(t, harness.WriteDataFile(path, int64(size), dataSeed))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var want uint64
	for off := 0; off < size; off += page {
		want += uint64(data[off])
	}
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()

	for _, private := range []bool{false, true} {
		for _, p := range prefaults {
			for _, a := range []access{accessSeq, accessRand} {
				name := "map=shared"
				if private {
					name = "map=private"
				}
				t.Run(name+"/prefault="+p.String()+"/access="+a.String(), func(t *testing.T) {
					_, _, got, err := newMapper(f, size, page, private, p, a).op()
					require.NoError(t, err)
					assert.Equal(t, want, got)
				})
			}
		}
	}
}

// TestColdOpReadsFromStorage is the proof that cache=cold is real: after
// harness.Cold, one op reads (about) the whole file from storage, whichever
// prefault and access it uses, and leaves the file resident. It runs on the
// filesystem under test (BENCHRIG_DIR) and skips where the page cache cannot
// be evicted.
func TestColdOpReadsFromStorage(t *testing.T) {
	testutil.RequireLinux(t)
	if err := mmapx.ProbePopulateRead(); err != nil {
		t.Skip(err)
	}
	const size = 8 << 20
	dir := harness.Dir(t, size+dataSlack)
	harness.RequireDisk(t, dir)
	path := filepath.Join(dir, "data")
	require.NoError(t, harness.WriteDataFile(path, size, dataSeed))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()

	for _, v := range []variant{
		{cold: true, pre: prefaultNone, acc: accessSeq},
		{cold: true, pre: prefaultNone, acc: accessRand},
		{cold: true, pre: prefaultPopulate, acc: accessSeq},
		{cold: true, pre: prefaultWillNeed, acc: accessSeq},
		{cold: true, pre: prefaultPopulateRead, acc: accessSeq},
	} {
		t.Run(v.name(size), func(t *testing.T) {
			m := newMapper(f, size, os.Getpagesize(), false, v.pre, v.acc)
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()

			harness.Cold(t, path)
			meter := harness.StartMeter(t, harness.Thread, dir)
			_, _, _, err := m.op()
			require.NoError(t, err)
			meter.Stop()
			u := meter.Usage()
			t.Logf("read-B %d (%.2f× size), majflt %d, minflt %d", u.ReadBytes, float64(u.ReadBytes)/size, u.MajFlt, u.MinFlt)

			assert.GreaterOrEqual(t, u.ReadBytes, int64(size*9/10), "a cold op must read the file from storage")
			r, err := harness.Resident(path)
			require.NoError(t, err)
			assert.Equal(t, r.Pages, r.Resident, "every page was touched, so every page is cached")
		})
	}
}
