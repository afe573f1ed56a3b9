// Package affinity pins the calling OS thread to one CPU and restores its
// previous CPU mask, for benchmarks that must keep goroutines on distinct
// cores (bench/falseshare).
//
// The real implementation is Linux only (sched_getaffinity and
// sched_setaffinity through golang.org/x/sys/unix). On every other OS each
// function returns an error that wraps errors.ErrUnsupported
// (platform.ErrUnsupported); it never returns an empty or made-up CPU set.
//
// An affinity mask belongs to an OS thread, not to a goroutine. A caller must
// therefore hold [runtime.LockOSThread] from before [Allowed] or [Pin] until
// after the restore function returned by Pin has succeeded, and must never
// hand a thread back to the Go scheduler while its mask is narrowed: either
// restore first and then call [runtime.UnlockOSThread], or return from the
// goroutine while still locked so that the runtime destroys the thread.
package affinity
