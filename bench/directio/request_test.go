package directio

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/harness"
)

func TestBlockStream(t *testing.T) {
	const nblocks, n = 64, 64 * 4096
	var counts [nblocks]int
	for i := range uint64(n) {
		k := block(offsetSeed, i, nblocks)
		if k >= nblocks || k != block(offsetSeed, i, nblocks) {
			t.Fatalf("block(%d) = %d: out of range or not deterministic", i, k)
		}
		counts[k]++
	}
	// Uniform: each block gets n/nblocks = 4096 hits, give or take a few
	// standard deviations (sqrt(4096) = 64).
	for k, c := range counts {
		assert.InDelta(t, n/nblocks, c, 400, "block %d", k)
	}
}

// TestPsyncWorkerYields checks that a psync goroutine issuing requests back
// to back gives up its P about every yieldEvery (see yieldEvery): with one
// P, a goroutine started beside the worker runs while the worker is still
// issuing requests, long before sysmon would preempt it (10ms).
func TestPsyncWorkerYields(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const requests, each = 40, 100 * time.Microsecond // 4ms in all
	var (
		ran   atomic.Bool
		calls int
		seen  = -1 // the request before which the other goroutine had run
	)
	busy := func(_ uintptr, p []byte, _ int64) (int, error) {
		if seen < 0 && ran.Load() {
			seen = calls
		}
		calls++
		for start := time.Now(); time.Since(start) < each; {
		}
		return len(p), nil
	}
	c := ioCase{op: "randread", bs: 4 * kib, qd: 1, engine: psync}
	var (
		lat  harness.Latency
		next atomic.Int64
	)
	go ran.Store(true)
	require.NoError(t, c.worker(rw{read: busy, write: busy}, 0, make([]byte, c.bs), &lat, &next, requests, 256))
	require.Equal(t, requests, calls)
	assert.GreaterOrEqual(t, seen, 0, "the other goroutine never ran while the worker issued %d requests of %v", requests, each)
	assert.Less(t, seen, requests/2, "the worker yielded only after %d requests of %v", seen, each)
}
