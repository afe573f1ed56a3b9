package uring

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/benchrig/benchrig/internal/dio"
)

// TestUnavailableReasons checks that every way io_uring can be refused
// wraps ErrUnavailable and names the cause and the fix, and that other
// errors do not.
func TestUnavailableReasons(t *testing.T) {
	for _, tc := range []struct {
		name        string
		err         error
		unavailable bool
		want        string
	}{
		{"no-io-uring", setupErr(unix.ENOSYS), true, "this kernel has no io_uring"},
		{"denied", setupErr(unix.EPERM), true, "io_uring_setup: operation not permitted: "},
		{"ring-memlock", setupErr(unix.ENOMEM), true, "raise it with ulimit -l"},
		{"setup-other", setupErr(unix.EINVAL), false, "io_uring_setup: invalid argument"},
		{"buffers-memlock", registerErr(unix.ENOMEM, 1<<20), true, "locked-memory limit (ulimit -l"},
		{"buffers-other", registerErr(unix.EFAULT, 4096), false, "io_uring_register buffers (4096 bytes): bad address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.unavailable, errors.Is(tc.err, ErrUnavailable), "%v", tc.err)
			assert.ErrorContains(t, tc.err, tc.want)
		})
	}
}

func TestDeniedReason(t *testing.T) {
	for _, tc := range []struct{ sysctl, want string }{
		{"2", "set sysctl kernel.io_uring_disabled=0"},
		{"1", "add this user to that group"},
		{"0", "seccomp filter"},
		{"", "seccomp filter"},
	} {
		t.Run("io_uring_disabled="+tc.sysctl, func(t *testing.T) {
			assert.Contains(t, deniedReason(tc.sysctl), tc.want)
		})
	}
}

func TestProbe(t *testing.T) {
	err := Probe()
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("%v", err)
	}
	assert.NoError(t, err)
}

// TestRegisterOverMemlock registers more than RLIMIT_MEMLOCK allows: the
// error wraps ErrUnavailable and names ulimit -l. It needs a user without
// CAP_IPC_LOCK (the CI runs it as an unprivileged user) and a finite limit.
func TestRegisterOverMemlock(t *testing.T) {
	var l unix.Rlimit
	require.NoError(t, unix.Getrlimit(unix.RLIMIT_MEMLOCK, &l))
	switch {
	case os.Geteuid() == 0:
		t.Skip("root has CAP_IPC_LOCK: pinned buffers are not charged to RLIMIT_MEMLOCK")
	case l.Cur == unix.RLIM_INFINITY || l.Cur > 64<<20:
		t.Skipf("RLIMIT_MEMLOCK is %d bytes: too large to exceed in a test", l.Cur)
	}
	r := newRing(t, 1)
	err := r.RegisterBuffers([][]byte{dio.AlignedBlock(int(l.Cur) + 1<<20)})
	require.ErrorIs(t, err, ErrUnavailable)
	assert.ErrorContains(t, err, "ulimit -l")
}

// TestQueueReapDoNotAllocate keeps the ring's request path free of
// allocations, as bench/directio's loop needs.
func TestQueueReapDoNotAllocate(t *testing.T) {
	f := testFile(t, 1, os.O_RDONLY)
	r := newRing(t, 1)
	op := Op{FD: int(f.Fd()), Buf: dio.AlignedBlock(4096)}
	allocs := testing.AllocsPerRun(50, func() {
		_ = r.Queue(op)
		_ = r.Submit(1)
		_, _ = r.Next()
	})
	assert.Zero(t, allocs)
}
