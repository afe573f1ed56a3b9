package uring

import (
	"bytes"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// setupErr explains why io_uring_setup failed with e: ErrUnavailable and
// the fix when this process may not use io_uring, a plain error otherwise.
func setupErr(e unix.Errno) error {
	switch e {
	case unix.ENOSYS:
		return fmt.Errorf("%w: io_uring_setup: %w: this kernel has no io_uring (Linux before 5.1, or built without CONFIG_IO_URING); run on a kernel with io_uring", ErrUnavailable, e)
	case unix.EPERM, unix.EACCES:
		b, _ := os.ReadFile("/proc/sys/kernel/io_uring_disabled")
		return fmt.Errorf("%w: io_uring_setup: %w: %s", ErrUnavailable, e, deniedReason(string(bytes.TrimSpace(b))))
	case unix.ENOMEM:
		return fmt.Errorf("%w: io_uring_setup: %w: the ring does not fit the locked-memory limit (%s; kernels before 5.12 charge rings to it); raise it with ulimit -l", ErrUnavailable, e, memlock())
	}
	return fmt.Errorf("io_uring_setup: %w", e)
}

// deniedReason says what denies io_uring to this process, given the
// kernel.io_uring_disabled sysctl (Linux 6.6+; "" when absent): the sysctl
// when it is set, else a seccomp filter or security module.
func deniedReason(disabled string) string {
	switch disabled {
	case "2":
		return "kernel.io_uring_disabled=2 disables io_uring for every process; set sysctl kernel.io_uring_disabled=0 (or 1 with kernel.io_uring_group)"
	case "1":
		return "kernel.io_uring_disabled=1 allows io_uring only to members of the group in kernel.io_uring_group (and CAP_SYS_ADMIN); add this user to that group, or set sysctl kernel.io_uring_disabled=0"
	}
	return "denied by a seccomp filter or security module (a container runtime's default profile blocks io_uring); allow io_uring_setup, io_uring_enter and io_uring_register in it, e.g. docker run --security-opt seccomp=<profile>"
}

// registerErr explains why IORING_REGISTER_BUFFERS of total bytes failed
// with e.
func registerErr(e unix.Errno, total int) error {
	if e == unix.ENOMEM || e == unix.EPERM {
		return fmt.Errorf("%w: io_uring_register buffers (%d bytes): %w: pinned buffers are charged to the locked-memory limit (%s); raise it with ulimit -l (LimitMEMLOCK= in systemd, --ulimit memlock= in docker) to at least %d KiB", ErrUnavailable, total, e, memlock(), (total+1023)/1024+64)
	}
	return fmt.Errorf("io_uring_register buffers (%d bytes): %w", total, e)
}

// memlock formats RLIMIT_MEMLOCK's soft limit, "ulimit -l = N KiB".
func memlock() string {
	var l unix.Rlimit
	switch {
	case unix.Getrlimit(unix.RLIMIT_MEMLOCK, &l) != nil:
		return "ulimit -l unknown"
	case l.Cur == unix.RLIM_INFINITY:
		return "ulimit -l = unlimited"
	}
	return fmt.Sprintf("ulimit -l = %d KiB", l.Cur/1024)
}
