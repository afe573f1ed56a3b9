package directio

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	ncw "github.com/ncw/directio"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
)

// TestDirectReadBypassesPageCache is the bypass proof: n direct 4KiB preads
// from a cold file read n*4096 bytes from storage (rusage) and leave the
// file's residency at about 0 pages (mincore). The buffered case is the
// control: the same reads leave every touched page resident, so the check
// can see caching when it happens.
func TestDirectReadBypassesPageCache(t *testing.T) {
	testutil.RequireLinux(t)
	const (
		size = 16 * mib
		n    = 2048
		bs   = 4 * kib
	)
	dir := harness.Dir(t, size+slack)
	requireDirect(t, dir)
	path := filepath.Join(dir, "data")
	require.NoError(t, harness.WriteDataFile(path, size, dataSeed))

	distinct := map[uint64]bool{}
	for i := range uint64(n) {
		distinct[block(offsetSeed, i, size/bs)] = true
	}

	for _, tc := range []struct {
		name   string
		direct bool
		engine string
	}{
		{"io=direct", true, psync},
		{"io=buffered", false, psync},
		{"io=direct/engine=raw", true, raw},
		{"io=direct/engine=uring", true, uringEngine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ioCase{op: "randread", bs: bs, qd: 1, direct: tc.direct, engine: tc.engine}
			requireEngine(t, c, config{uringErr: probeUring()})
			f := openFile(t, path, os.O_RDONLY, c)
			harness.Cold(t, path)

			lo := c.loop(t, f, n, size/bs)
			meter := harness.StartMeter(t, harness.Process, dir)
			require.NoError(t, lo.run())
			meter.Stop()
			read := meter.Usage().ReadBytes
			lat := lo.lats[0]

			r, err := harness.Resident(path)
			require.NoError(t, err)
			t.Logf("%d reads of 4KiB at random offsets (%d distinct blocks): read-B/op=%.1f, residency %s, p50=%.0fns",
				n, len(distinct), float64(read)/n, r, lat.Quantile(0.5))

			assert.Equal(t, int64(n), lat.Count())
			if tc.direct {
				assert.InEpsilon(t, n*bs, read, 0.02, "read bytes: every direct request goes to storage")
				assert.LessOrEqual(t, r.Resident, bypassLimit(n), "residency after direct reads")
			} else {
				assert.GreaterOrEqual(t, r.Resident, int64(len(distinct)), "the buffered control caches every page it read")
				assert.GreaterOrEqual(t, read, int64(len(distinct))*bs, "the buffered control reads each distinct block once")
			}
		})
	}
}

// TestWorkerDoesNotAllocate checks the per-request path (offset, pread or
// pwrite, two clock reads, histogram update) allocates nothing, so the
// garbage collector never runs inside the timed loop.
func TestWorkerDoesNotAllocate(t *testing.T) {
	testutil.RequireLinux(t)
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, f.Truncate(mib))

	for _, c := range []ioCase{
		{op: "randread", bs: 4 * kib, qd: 1, engine: psync},
		{op: "seqread", bs: 4 * kib, qd: 1, engine: psync},
		{op: "seqwrite", bs: 4 * kib, qd: 1, engine: psync},
		{op: "randwrite", bs: 4 * kib, qd: 1, engine: psync},
		{op: "randread", bs: 4 * kib, qd: 1, engine: raw},
		{op: "randwrite", bs: 4 * kib, qd: 1, engine: raw},
	} {
		t.Run(c.op+"/"+c.engine, func(t *testing.T) {
			var (
				lat  harness.Latency
				next atomic.Int64
				buf  = ncw.AlignedBlock(int(c.bs))
			)
			allocs := testing.AllocsPerRun(200, func() {
				next.Store(0)
				if err := c.worker(rwOf(c.engine), f.Fd(), buf, &lat, &next, 4, mib/uint64(c.bs)); err != nil {
					panic(err)
				}
			})
			assert.Zero(t, allocs)
		})
	}
}

func TestRequireDirect(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name     string
		dir      func(t *testing.T) string
		wantSkip bool
		want     []string
	}{
		{
			name: "tmpfs-dev-shm",
			dir: func(t *testing.T) string {
				if fs := harness.FSType("/dev/shm"); fs != "tmpfs" {
					t.Skipf("/dev/shm is %s here, not tmpfs", fs)
				}
				return "/dev/shm" // only statfs'd, never written
			},
			wantSkip: true,
			want:     []string{"/dev/shm is on tmpfs", refuseMemoryFS},
		},
		{
			name: "disk-scratch",
			dir: func(t *testing.T) string {
				d := harness.Dir(t, 0)
				if fs := harness.FSType(d); fs != "ext4" && fs != "xfs" && fs != "btrfs" {
					t.Skipf("scratch dir %s is on %s; this case needs ext4, xfs or btrfs", d, fs)
				}
				return d
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			r := testutil.Run(t, func(tb testing.TB) { requireDirect(tb, dir) })
			t.Logf("skip=%q fatal=%q", r.SkipReason, r.FatalReason)
			assert.Empty(t, r.FatalReason)
			assert.Equal(t, tc.wantSkip, r.SkipReason != "")
			for _, w := range tc.want {
				assert.Contains(t, r.SkipReason, w)
			}
		})
	}
}

// TestWarmErr checks the warm criterion: what reached storage during the
// loop, at most 0.1% of the requested bytes.
func TestWarmErr(t *testing.T) {
	testutil.RequireLinux(t)
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, make([]byte, 64<<10), 0o644))
	for _, tc := range []struct {
		name            string
		read, requested int64
		ok              bool
	}{
		{"nothing-from-storage", 0, 1 << 30, true},
		{"at-the-limit", 1 << 20, 1 << 30, true},
		{"over-the-limit", 2 << 20, 1 << 30, false},
		{"all-from-storage", 4096, 4096, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := warmErr(t, path, tc.read, tc.requested)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, "came from storage during the loop")
			}
		})
	}
}
