package directio

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/benchrig/benchrig/internal/uring"
)

func TestParseEngines(t *testing.T) {
	env := knob(knobEngine)
	require.Equal(t, "BENCHRIG_DIRECTIO_ENGINE", env)
	for _, tc := range []struct {
		name, value string
		want        []string
		wantErr     string
	}{
		{name: "unset", value: "", want: nil},
		{name: "psync", value: "psync", want: []string{psync}},
		{name: "raw", value: "raw", want: []string{raw}},
		{name: "uring", value: "uring", want: []string{uringEngine}},
		{name: "all", value: "all", want: engines},
		{name: "list-in-matrix-order", value: "uring,psync", want: []string{psync, uringEngine}},
		{name: "list-with-spaces-and-repeats", value: "raw, raw ,uring", want: []string{raw, uringEngine}},
		{name: "all-in-a-list", value: "uring,all", want: engines},
		{name: "unknown", value: "libaio", wantErr: `BENCHRIG_DIRECTIO_ENGINE=libaio: unknown engine "libaio"; set BENCHRIG_DIRECTIO_ENGINE to psync, raw, uring or all`},
		{name: "case-matters", value: "URING", wantErr: `unknown engine "URING"`},
		{name: "empty-item", value: "psync,", wantErr: `BENCHRIG_DIRECTIO_ENGINE=psync,: unknown engine ""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseEngines(env, tc.value)
			if tc.wantErr != "" {
				assert.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestLoadConfigEngine checks that loadConfig reads the engine knob and
// that a bad value is its error, whatever the file size knob says.
func TestLoadConfigEngine(t *testing.T) {
	lookup := func(env map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	}
	c, err := loadConfig(lookup(map[string]string{knob(knobEngine): "uring"}), false, t.Logf)
	require.NoError(t, err)
	assert.Equal(t, []string{uringEngine}, c.engines)
	assert.EqualValues(t, gib, c.fileSize)
	_, err = loadConfig(lookup(map[string]string{knob(knobEngine): "io_uring", knob(knobFileSize): "64MiB"}), false, t.Logf)
	assert.ErrorContains(t, err, "BENCHRIG_DIRECTIO_ENGINE=io_uring: unknown engine")
}

// TestRawRule checks engine=raw's queue depth rule: qd ≤ GOMAXPROCS-1 runs,
// deeper skips with the reason and the GOMAXPROCS that would run it.
func TestRawRule(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for _, tc := range []struct {
		qd   int
		skip bool
	}{{1, false}, {2, false}, {3, true}, {16, true}} {
		t.Run(fmt.Sprintf("qd=%d", tc.qd), func(t *testing.T) {
			rec := testutil.Run(t, func(tb testing.TB) { requireEngine(tb, ioCase{engine: raw, qd: tc.qd}, config{}) })
			assert.Equal(t, tc.skip, rec.SkipReason != "", "skip reason %q", rec.SkipReason)
			if tc.skip {
				assert.Contains(t, rec.SkipReason, "engine=raw needs qd ≤ GOMAXPROCS-1 (2 here)")
				assert.Contains(t, rec.SkipReason, fmt.Sprintf("run with GOMAXPROCS=%d or more", tc.qd+1))
			}
		})
	}
}

// TestUringSkip checks that an unavailable io_uring skips a uring cell with
// the probe's reason and the knob that leaves uring out, and that any other
// probe error fails it.
func TestUringSkip(t *testing.T) {
	c := ioCase{engine: uringEngine, qd: 1}
	unavailable := fmt.Errorf("%w: io_uring_setup: operation not permitted: kernel.io_uring_disabled=2", uring.ErrUnavailable)
	rec := testutil.Run(t, func(tb testing.TB) { requireEngine(tb, c, config{uringErr: unavailable}) })
	assert.Empty(t, rec.FatalReason)
	assert.Contains(t, rec.SkipReason, "engine=uring: io_uring unavailable: io_uring_setup: operation not permitted")
	assert.Contains(t, rec.SkipReason, "BENCHRIG_DIRECTIO_ENGINE=psync,raw")

	rec = testutil.Run(t, func(tb testing.TB) { requireEngine(tb, c, config{uringErr: errors.New("mmap: boom")}) })
	assert.Contains(t, rec.FatalReason, "probing io_uring: mmap: boom")
	assert.Empty(t, rec.SkipReason)
}

// TestUringLoopDoesNotAllocatePerRequest checks that engine=uring's loop
// (reap) allocates the same for 4 requests as for 64: nothing per request.
// Averaged over many runs, so a runtime allocation (a new M while the loop's
// thread is in the kernel) does not count.
func TestUringLoopDoesNotAllocatePerRequest(t *testing.T) {
	for _, op := range []string{"randread", "randwrite"} {
		t.Run(op, func(t *testing.T) {
			c := ioCase{op: op, bs: 4 * kib, qd: 4, engine: uringEngine}
			f, r, bufs := newTestRing(t, c)
			var lat harness.Latency
			allocs := func(n int64) float64 {
				return testing.AllocsPerRun(100, func() {
					require.NoError(t, c.reap(r, int(f.Fd()), bufs, &lat, n, mib/uint64(c.bs)))
				})
			}
			assert.Equal(t, allocs(4), allocs(64))
			assert.EqualValues(t, 101*4+101*64, lat.Count())
		})
	}
}

// TestUringLoopSubmitsInGroups checks that engine=uring's loop hands its
// refills to the kernel every submitGroup while completions wait, instead of
// once per round. Buffered reads of a cached file complete inside the
// io_uring_enter that submits them, so every group finds more completions
// waiting: 256 requests at qd=16 take about 256/submitGroup enters, where
// one enter per round would take 256/16. The test asks for half as many
// again as that, in case some reads complete later.
func TestUringLoopSubmitsInGroups(t *testing.T) {
	const n = 256
	c := ioCase{op: "randread", bs: 4 * kib, qd: 16, engine: uringEngine}
	f, r, bufs := newTestRing(t, c)
	// The premise: a read submitted without waiting is complete on return
	// (not on tmpfs, where such reads go to the kernel's workers).
	require.NoError(t, r.Queue(uring.Op{FD: int(f.Fd()), Buf: bufs[0], Fixed: true}))
	require.NoError(t, r.Submit(0))
	if !r.Ready() {
		t.Skipf("buffered io_uring reads of %s do not complete inside io_uring_enter on this file system", f.Name())
	}
	_, _ = r.Next()
	enters := r.Enters()
	var lat harness.Latency
	require.NoError(t, c.reap(r, int(f.Fd()), bufs, &lat, n, mib/uint64(c.bs)))
	require.EqualValues(t, n, lat.Count())
	enters = r.Enters() - enters
	assert.GreaterOrEqual(t, enters, uint64(n/c.qd*3/2), "%d requests at qd=%d took %d io_uring_enter calls", n, c.qd, enters)
	assert.LessOrEqual(t, enters, uint64(n/submitGroup+c.qd), "%d requests at qd=%d took %d io_uring_enter calls", n, c.qd, enters)
}

// newTestRing returns a 1MiB file of zeros (written, so cached), and a ring
// (not single-issuer) of c.qd entries with c.qd registered buffers of
// c.bs, closed when t ends. It skips where io_uring or registered buffers
// are unavailable.
func newTestRing(t *testing.T, c ioCase) (*os.File, *uring.Ring, [][]byte) {
	t.Helper()
	testutil.RequireLinux(t)
	if err := probeUring(); err != nil {
		t.Skipf("%v", err)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	_, err = f.Write(make([]byte, mib))
	require.NoError(t, err)
	r, err := uring.New(uint32(c.qd), false)
	require.NoError(t, err)
	t.Cleanup(func() { r.Close() })
	bufs := make([][]byte, c.qd)
	for i := range bufs {
		bufs[i] = make([]byte, c.bs)
	}
	if err := r.RegisterBuffers(bufs); err != nil {
		t.Skipf("%v", err)
	}
	return f, r, bufs
}
