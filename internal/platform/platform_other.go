//go:build !linux

package platform

import (
	"os"
	"time"
)

// Statfs is unsupported off Linux.
func Statfs(path string) (FS, error) { return FS{}, ErrUnsupported }

// Writable is unsupported off Linux.
func Writable(dir string) error { return ErrUnsupported }

// Flock is unsupported off Linux.
func Flock(f *os.File, nonblock bool) error { return ErrUnsupported }

// DropCache is unsupported off Linux.
func DropCache(f *os.File) error { return ErrUnsupported }

// Residency is unsupported off Linux.
func Residency(f *os.File, size int64) (resident, pages int64, err error) {
	return 0, 0, ErrUnsupported
}

// Getrusage is unsupported off Linux.
func Getrusage(who Who) (Rusage, error) { return Rusage{}, ErrUnsupported }

// SysRusage is unsupported off Linux.
func SysRusage(sys any) (Rusage, error) { return Rusage{}, ErrUnsupported }

// DIOAlign is unsupported off Linux.
func DIOAlign(path string) (mem, offset uint32, ok bool, err error) {
	return 0, 0, false, ErrUnsupported
}

// Kernel is unsupported off Linux.
func Kernel() (string, error) { return "", ErrUnsupported }

// OnlineCPUs is unsupported off Linux.
func OnlineCPUs() (int, error) { return 0, ErrUnsupported }

// CacheLine is unsupported off Linux.
func CacheLine() (int, error) { return 0, ErrUnsupported }

// Virt is unsupported off Linux.
func Virt() (string, error) { return "", ErrUnsupported }

// BlockDevice is unsupported off Linux.
func BlockDevice(path string) (Block, error) { return Block{}, ErrUnsupported }

// DeviceReads is unsupported off Linux.
func DeviceReads(statPath string) (uint64, error) { return 0, ErrUnsupported }

// Gettid is unsupported off Linux.
func Gettid() (int, error) { return 0, ErrUnsupported }

// ProactiveReclaim is unsupported off Linux.
func ProactiveReclaim() (string, error) { return "", ErrUnsupported }

// ProcsUsing is unsupported off Linux.
func ProcsUsing(dir string) ([]int, error) { return nil, ErrUnsupported }

// KillUsing is unsupported off Linux.
func KillUsing(dir string, timeout time.Duration) ([]int, error) { return nil, ErrUnsupported }

// Divert is unsupported off Linux.
func Divert(f *os.File) (*os.File, error) { return nil, ErrUnsupported }

// MountPoint is unsupported off Linux.
func MountPoint(path string) (string, error) { return "", ErrUnsupported }

// Owner is unsupported off Linux.
func Owner(fi os.FileInfo) (int, error) { return 0, ErrUnsupported }

// ReadCPUStat is unsupported off Linux.
func ReadCPUStat() (CPUStat, error) { return CPUStat{}, ErrUnsupported }
