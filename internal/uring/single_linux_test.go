package uring

import (
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/dio"
)

// TestSingleIssuer: a single-issuer ring takes buffers while disabled and,
// once Start runs on the locked submitting thread, reads what a plain ring
// reads; its flags name what the kernel took.
func TestSingleIssuer(t *testing.T) {
	r, err := New(2, true)
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("%v", err)
	}
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close() })
	t.Logf("flags: %s", r.Flags())
	assert.Contains(t, r.Flags(), "coop_taskrun")
	assert.Equal(t, runtime.GOMAXPROCS(0) >= 2, r.RawEnter(), "raw enter where another P is free")
	f := testFile(t, 2, os.O_RDONLY)
	bufs := [][]byte{dio.AlignedBlock(4096), dio.AlignedBlock(4096)}
	err = r.RegisterBuffers(bufs)
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("%v", err)
	}
	require.NoError(t, err, "buffers register before Start")

	// Queue, submit and reap on one locked thread, the ring's submitter.
	// reap's require calls end this goroutine, not the test, on failure;
	// the test then fails on the missing completions.
	done := make(chan map[uint64]CQE, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		got := map[uint64]CQE{}
		defer func() { done <- got }()
		if !assert.NoError(t, r.Start()) {
			return
		}
		for i := range 2 {
			if !assert.NoError(t, r.Queue(Op{FD: int(f.Fd()), Buf: bufs[i], Off: int64(1-i) * 4096, Fixed: true, Index: uint16(i), UserData: uint64(i)})) {
				return
			}
		}
		for len(got) < 2 {
			if !assert.NoError(t, r.Submit(1)) {
				return
			}
			for c, ok := r.Next(); ok; c, ok = r.Next() {
				got[c.UserData] = c
			}
		}
	}()
	got := <-done
	for i := range 2 {
		require.Contains(t, got, uint64(i))
		require.NoError(t, got[uint64(i)].Err())
		assert.Equal(t, bytesOf(byte('a'+1-i), 4096), bufs[i])
	}
	require.NoError(t, r.Start(), "Start on an enabled ring does nothing")
}

func TestFlagsNames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags uint32
		want  string
	}{
		{"none", 0, "none"},
		{"coop", setupCoop, "coop_taskrun"},
		{"all", setupCoop | setupSingle | setupDefer | setupRDisabled, "coop_taskrun,single_issuer,defer_taskrun"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, (&Ring{flags: tc.flags}).Flags())
		})
	}
}
