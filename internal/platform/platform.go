package platform

import (
	"errors"
	"fmt"
	"runtime"
	"time"
)

// ErrUnsupported is the one error behind every platform call benchrig cannot
// make on this operating system: every function of the packages under
// internal/ returns it, wrapped by [Unsupported], on operating systems other
// than Linux. It wraps [errors.ErrUnsupported], so callers test
// errors.Is(err, errors.ErrUnsupported) (the harness then skips the
// benchmark with the reason).
var ErrUnsupported = fmt.Errorf("%w on %s: benchrig measures Linux (page cache, block layer, rusage, mmap, direct I/O, CPU affinity); run it on Linux", errors.ErrUnsupported, runtime.GOOS)

// Unsupported returns the error a non-Linux stub returns for op (the call it
// cannot make, e.g. "statfs /path"): op, then [ErrUnsupported].
func Unsupported(op string) error { return fmt.Errorf("%s: %w", op, ErrUnsupported) }

// ErrWouldBlock is returned by [Flock] with nonblock set when another open
// file description holds the lock.
var ErrWouldBlock = errors.New("lock is held by another process")

// FS describes the filesystem holding a path (statfs).
type FS struct {
	Magic    uint32 // f_type
	Name     string // FSName(Magic)
	Bsize    int64  // f_bsize
	Bavail   uint64 // blocks available to an unprivileged user
	ReadOnly bool   // mounted read-only (ST_RDONLY)
}

// Free returns the bytes available to an unprivileged user.
func (f FS) Free() int64 { return int64(f.Bavail) * f.Bsize }

// Block describes the block device that holds a path. Queue attributes come
// from the whole disk when the device is a partition; StatPath is the
// device's own stat file (a partition's stat counts that partition's I/O).
type Block struct {
	Dev        string // "major:minor" of the device (the partition, if one)
	Name       string // kernel name of the device, e.g. "vda", "nvme0n1p2"
	Disk       string // kernel name of the whole disk, e.g. "nvme0n1"
	StatPath   string // /sys/dev/block/<maj:min>/stat
	Rotational string // queue/rotational of the disk ("0" or "1"), "" when unknown
	Scheduler  string // the active I/O scheduler of the disk ("none", "mq-deadline", ...), "" when unknown
	LBS        string // queue/logical_block_size of the disk, "" when unknown
	PBS        string // queue/physical_block_size of the disk, "" when unknown
}

// Who selects whose rusage Getrusage returns.
type Who int

const (
	Thread   Who = iota // RUSAGE_THREAD: the calling OS thread
	Self                // RUSAGE_SELF: the whole process
	Children            // RUSAGE_CHILDREN: waited-for children and their descendants
)

func (w Who) String() string {
	switch w {
	case Thread:
		return "RUSAGE_THREAD"
	case Self:
		return "RUSAGE_SELF"
	case Children:
		return "RUSAGE_CHILDREN"
	}
	return fmt.Sprintf("Who(%d)", int(w))
}

// Rusage is the subset of struct rusage benchrig uses, in raw units.
type Rusage struct {
	Inblock int64 // 512-byte blocks read from storage
	Oublock int64 // 512-byte blocks written to storage
	Minflt  int64
	Majflt  int64
	CPU     time.Duration // user + system CPU time
}

// CPUStat is the machine-wide CPU time of /proc/stat's "cpu" line, summed
// over all CPUs since boot.
type CPUStat struct {
	Busy  time.Duration // user, nice, system, irq and softirq (guest time is inside user)
	Idle  time.Duration // idle and iowait
	Steal time.Duration // time the hypervisor ran something else on a vCPU that wanted to run
}

// Filesystem magic numbers (f_type), from linux/magic.h and the filesystems'
// sources. They are plain constants so every GOOS can name them.
const (
	MagicExt4     = 0xEF53 // ext2, ext3 and ext4 share it
	MagicXFS      = 0x58465342
	MagicBtrfs    = 0x9123683E
	MagicTmpfs    = 0x01021994
	MagicRamfs    = 0x858458F6
	MagicOverlay  = 0x794C7630
	MagicNFS      = 0x6969
	MagicZFS      = 0x2FC12FC1
	MagicF2FS     = 0xF2F52010
	MagicFUSE     = 0x65735546
	MagicSquashfs = 0x73717368
	MagicCIFS     = 0xFF534D42
	MagicSMB2     = 0xFE534D42
	MagicBcachefs = 0xCA451A4E
	MagicExFAT    = 0x2011BAB0
	MagicMSDOS    = 0x4D44
	MagicNTFS3    = 0x7366746E
	MagicNTFS     = 0x5346544E
	MagicJFS      = 0x3153464A
	MagicReiserfs = 0x52654973
	MagicHFSPlus  = 0x482B
	MagicISO9660  = 0x9660
	MagicUDF      = 0x15013346
	MagicV9FS     = 0x01021997
	MagicCeph     = 0x00C36400
	MagicProc     = 0x9FA0
	MagicSysfs    = 0x62656572
	MagicEROFS    = 0xE0F5E1E2
	MagicNILFS    = 0x3434
	MagicOCFS2    = 0x7461636F
	MagicGFS2     = 0x01161970
)

var fsNames = map[uint32]string{
	MagicExt4:     "ext4",
	MagicXFS:      "xfs",
	MagicBtrfs:    "btrfs",
	MagicTmpfs:    "tmpfs",
	MagicRamfs:    "ramfs",
	MagicOverlay:  "overlayfs",
	MagicNFS:      "nfs",
	MagicZFS:      "zfs",
	MagicF2FS:     "f2fs",
	MagicFUSE:     "fuse", // also virtiofs
	MagicSquashfs: "squashfs",
	MagicCIFS:     "cifs",
	MagicSMB2:     "smb2",
	MagicBcachefs: "bcachefs",
	MagicExFAT:    "exfat",
	MagicMSDOS:    "vfat",
	MagicNTFS3:    "ntfs3",
	MagicNTFS:     "ntfs",
	MagicJFS:      "jfs",
	MagicReiserfs: "reiserfs",
	MagicHFSPlus:  "hfsplus",
	MagicISO9660:  "iso9660",
	MagicUDF:      "udf",
	MagicV9FS:     "9p",
	MagicCeph:     "ceph",
	MagicProc:     "proc",
	MagicSysfs:    "sysfs",
	MagicEROFS:    "erofs",
	MagicNILFS:    "nilfs2",
	MagicOCFS2:    "ocfs2",
	MagicGFS2:     "gfs2",
}

// FSName names a statfs f_type magic number, or returns "unknown".
func FSName(magic uint32) string {
	if n, ok := fsNames[magic]; ok {
		return n
	}
	return "unknown"
}

// nonBlock lists filesystems whose files do not live on a local block
// device, so their page cache cannot be proven cold with fadvise: memory
// filesystems, union filesystems, network and userspace filesystems.
var nonBlock = map[uint32]bool{
	MagicTmpfs: true, MagicRamfs: true, MagicOverlay: true, MagicNFS: true,
	MagicFUSE: true, MagicCIFS: true, MagicSMB2: true, MagicV9FS: true,
	MagicCeph: true, MagicProc: true, MagicSysfs: true,
}

// NonBlock reports whether the filesystem with this magic is known not to be
// backed by a local block device (tmpfs, ramfs, overlayfs, nfs, fuse, ...).
func NonBlock(magic uint32) bool { return nonBlock[magic] }
