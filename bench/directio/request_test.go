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
// to back gives up its P about every yieldEvery (see yieldEvery). With one
// P, a second goroutine counts the times it gets the P while the worker
// issues 6ms of requests and yields it straight back. The worker yields
// about five times in 6ms; without the yield the other goroutine gets the P
// only when something else preempts the worker, at most once or twice.
//
// Not every yield hands the P over: once every 61 scheduling ticks the
// scheduler takes from the global run queue first, where Gosched has just
// put the worker. Hence at least three, not five.
func TestPsyncWorkerYields(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const requests, each = 60, 100 * time.Microsecond // 6ms in all
	var (
		working, done atomic.Bool
		turns         atomic.Int64 // times the other goroutine had the P while the worker worked
		calls         int
	)
	busy := func(_ uintptr, p []byte, _ int64) (int, error) {
		calls++
		for start := time.Now(); time.Since(start) < each; {
		}
		return len(p), nil
	}
	go func() {
		for !done.Load() {
			if working.Load() {
				turns.Add(1)
			}
			runtime.Gosched()
		}
	}()
	c := ioCase{op: "randread", bs: 4 * kib, qd: 1, engine: psync}
	var (
		lat  harness.Latency
		next atomic.Int64
	)
	working.Store(true)
	err := c.worker(rw{read: busy, write: busy}, 0, make([]byte, c.bs), &lat, &next, requests, 256)
	working.Store(false)
	done.Store(true)
	require.NoError(t, err)
	require.Equal(t, requests, calls)
	assert.GreaterOrEqual(t, turns.Load(), int64(3), "the other goroutine had the P only %d times while the worker issued %d requests of %v", turns.Load(), requests, each)
}
