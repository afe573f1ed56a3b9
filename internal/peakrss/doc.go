// Package peakrss reads the peak resident set size of a finished child
// process from its rusage: on Linux ru_maxrss of wait4, the largest RSS of
// the child or of any descendant it waited for (for the go command: go
// itself, compile, asm or link), in bytes. Elsewhere it returns an error
// wrapping errors.ErrUnsupported, never a zero.
//
// # The parent's share
//
// Linux folds the parent's peak RSS into a child's ru_maxrss: Go starts a
// child with vfork (the child shares the parent's memory until it execs),
// and exec records the old memory's peak (VmHWM) as the child's maxrss. So
// a child started from a process that once held 250 MB reports at least
// 250 MB, whatever it used itself. Floor returns the ceiling below which a
// child's number says nothing: it gives the Go heap back to the system and
// resets this process's VmHWM (writing 5 to /proc/self/clear_refs), then
// reads VmHWM. Call it just before starting the child; a child's peak RSS
// at or below the floor is not the child's, and is not reported.
package peakrss
