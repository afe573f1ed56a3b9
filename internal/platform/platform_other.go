//go:build !linux

package platform

import (
	"os"
)

// Statfs is unsupported off Linux.
func Statfs(path string) (FS, error) { return FS{}, Unsupported("statfs " + path) }

// Writable is unsupported off Linux.
func Writable(dir string) error { return Unsupported("access(W_OK) " + dir) }

// Flock is unsupported off Linux.
func Flock(f *os.File, nonblock bool) error { return Unsupported("flock " + f.Name()) }

// DropCache is unsupported off Linux.
func DropCache(f *os.File) error { return Unsupported("posix_fadvise(DONTNEED) " + f.Name()) }

// DropClean is unsupported off Linux.
func DropClean(f *os.File) error { return Unsupported("posix_fadvise(DONTNEED) " + f.Name()) }

// SyncFS is unsupported off Linux.
func SyncFS(f *os.File) error { return Unsupported("syncfs " + f.Name()) }

// Residency is unsupported off Linux.
func Residency(f *os.File, size int64) (resident, pages int64, err error) {
	return 0, 0, Unsupported("mincore " + f.Name())
}

// Getrusage is unsupported off Linux.
func Getrusage(who Who) (Rusage, error) {
	return Rusage{}, Unsupported("getrusage(" + who.String() + ")")
}

// SysRusage is unsupported off Linux.
func SysRusage(sys any) (Rusage, error) { return Rusage{}, Unsupported("rusage of a child") }

// DIOAlign is unsupported off Linux.
func DIOAlign(path string) (mem, offset uint32, ok bool, err error) {
	return 0, 0, false, Unsupported("statx(STATX_DIOALIGN) " + path)
}

// Kernel is unsupported off Linux.
func Kernel() (string, error) { return "", Unsupported("uname") }

// OnlineCPUs is unsupported off Linux.
func OnlineCPUs() (int, error) { return 0, Unsupported("online CPUs") }

// CacheLine is unsupported off Linux.
func CacheLine() (int, error) { return 0, Unsupported("cache line size") }

// Virt is unsupported off Linux.
func Virt() (string, error) { return "", Unsupported("hypervisor detection") }

// BlockDevice is unsupported off Linux.
func BlockDevice(path string) (Block, error) { return Block{}, Unsupported("block device of " + path) }

// DeviceReads is unsupported off Linux.
func DeviceReads(statPath string) (uint64, error) { return 0, Unsupported("device reads " + statPath) }

// Gettid is unsupported off Linux.
func Gettid() (int, error) { return 0, Unsupported("gettid") }

// ProactiveReclaim is unsupported off Linux.
func ProactiveReclaim() (string, error) { return "", Unsupported("proactive reclaim detection") }

// ProcsUsing is unsupported off Linux.
func ProcsUsing(dir string) ([]int, error) { return nil, Unsupported("processes using " + dir) }

// Divert is unsupported off Linux.
func Divert(f *os.File) (*os.File, error) { return nil, Unsupported("divert " + f.Name()) }

// MountPoint is unsupported off Linux.
func MountPoint(path string) (string, error) { return "", Unsupported("mount point of " + path) }

// Owner is unsupported off Linux.
func Owner(fi os.FileInfo) (int, error) { return 0, Unsupported("owner of " + fi.Name()) }

// ReadCPUStat is unsupported off Linux.
func ReadCPUStat() (CPUStat, error) { return CPUStat{}, Unsupported("/proc/stat") }

// DevStat is a block device's stat counters (Linux only).
type DevStat struct {
	ReadSectors, InFlight, TimeInQueue uint64
}

// DeviceStat is unsupported off Linux.
func DeviceStat(statPath string) (DevStat, error) {
	return DevStat{}, Unsupported("device stat " + statPath)
}

// DeviceInflight is unsupported off Linux.
func DeviceInflight(statPath string) (uint64, error) {
	return 0, Unsupported("device inflight " + statPath)
}
