// Package platform holds every operating-system call the benchrig harness
// makes: statfs, statx, flock, fadvise, mincore, getrusage, uname, and the
// sysfs/procfs files that describe the CPU and the block device under a
// directory.
//
// The real implementation is Linux only (platform_linux.go). On every other
// operating system each function returns an error made by [Unsupported],
// which wraps [ErrUnsupported] and so errors.ErrUnsupported
// (platform_other.go), never a zero that could be mistaken for a measurement,
// so the harness can skip a benchmark with the reason. The other packages
// under internal/ (affinity, dio, mmapx) use the same [Unsupported]: one
// error for "not on this OS".
package platform
