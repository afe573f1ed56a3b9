package platform

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Statfs describes the filesystem holding path.
func Statfs(path string) (FS, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return FS{}, &os.PathError{Op: "statfs", Path: path, Err: err}
	}
	magic := uint32(st.Type)
	return FS{
		Magic:    magic,
		Name:     FSName(magic),
		Bsize:    int64(st.Bsize),
		Bavail:   uint64(st.Bavail),
		ReadOnly: st.Flags&unix.ST_RDONLY != 0,
	}, nil
}

// Writable reports why the calling user cannot create files in dir, or nil.
// It checks the permission bits with access(2) (W_OK|X_OK, as the real user)
// and the mount's read-only flag, which access(2) ignores for root.
func Writable(dir string) error {
	if err := unix.Access(dir, unix.W_OK|unix.X_OK); err != nil {
		return &os.PathError{Op: "access(W_OK|X_OK)", Path: dir, Err: err}
	}
	fs, err := Statfs(dir)
	if err != nil {
		return err
	}
	if fs.ReadOnly {
		return &os.PathError{Op: "statfs", Path: dir, Err: unix.EROFS}
	}
	return nil
}

// Flock takes an exclusive flock(2) on f. With nonblock it returns
// ErrWouldBlock instead of waiting when the lock is held elsewhere.
func Flock(f *os.File, nonblock bool) error {
	how := unix.LOCK_EX
	if nonblock {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return ErrWouldBlock
		default:
			return &os.PathError{Op: "flock", Path: f.Name(), Err: err}
		}
	}
}

// DropCache writes f's dirty pages back (fsync: dirty pages cannot be
// dropped) and then asks the kernel to drop its clean cached pages
// (posix_fadvise POSIX_FADV_DONTNEED). Pages mapped by a process stay.
func DropCache(f *os.File) error {
	if err := f.Sync(); err != nil {
		return err
	}
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return &os.PathError{Op: "posix_fadvise(POSIX_FADV_DONTNEED)", Path: f.Name(), Err: err}
	}
	return nil
}

// window bounds one mmap+mincore call, so huge files need neither a huge
// mapping nor a huge vector.
const window = 1 << 30

// Residency returns how many of the pages spanned by the first size bytes of
// f are in the page cache (mmap read-only, mincore, munmap; the mapping is
// never touched, so measuring does not fault pages in).
func Residency(f *os.File, size int64) (resident, pages int64, err error) {
	ps := int64(os.Getpagesize())
	pages = (size + ps - 1) / ps
	var vec []byte
	for off := int64(0); off < size; off += window {
		n := min(size-off, window)
		m, err := unix.Mmap(int(f.Fd()), off, int(n), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			return 0, pages, &os.PathError{Op: "mmap", Path: f.Name(), Err: err}
		}
		np := (n + ps - 1) / ps
		if int64(cap(vec)) < np {
			vec = make([]byte, np)
		}
		vec = vec[:np]
		err = mincore(m, vec)
		if uerr := unix.Munmap(m); err == nil && uerr != nil {
			err = uerr
		}
		if err != nil {
			return 0, pages, &os.PathError{Op: "mincore", Path: f.Name(), Err: err}
		}
		for _, v := range vec {
			resident += int64(v & 1)
		}
	}
	return resident, pages, nil
}

// Getrusage returns getrusage(2) for who.
func Getrusage(who Who) (Rusage, error) {
	var w int
	switch who {
	case Thread:
		w = unix.RUSAGE_THREAD
	case Self:
		w = unix.RUSAGE_SELF
	case Children:
		w = unix.RUSAGE_CHILDREN
	default:
		return Rusage{}, fmt.Errorf("getrusage: unknown scope %v", who)
	}
	var ru unix.Rusage
	if err := unix.Getrusage(w, &ru); err != nil {
		return Rusage{}, fmt.Errorf("getrusage(%v): %w", who, err)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt}, nil
}

// SysRusage converts os.ProcessState.SysUsage() (a *syscall.Rusage on Linux).
func SysRusage(sys any) (Rusage, error) {
	ru, ok := sys.(*syscall.Rusage)
	if !ok || ru == nil {
		return Rusage{}, fmt.Errorf("process usage is %T, want *syscall.Rusage (has the process been waited for?)", sys)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt}, nil
}

// DIOAlign returns the direct-I/O alignment of path (statx STATX_DIOALIGN):
// the memory and file-offset alignment in bytes. Filesystems report it for
// regular files only. ok is false when the kernel or filesystem does not
// report it; mem and offset are both 0 when direct I/O is unsupported.
func DIOAlign(path string) (mem, offset uint32, ok bool, err error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, path, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_DIOALIGN, &st); err != nil {
		return 0, 0, false, &os.PathError{Op: "statx(STATX_DIOALIGN)", Path: path, Err: err}
	}
	if st.Mask&unix.STATX_DIOALIGN == 0 {
		return 0, 0, false, nil
	}
	return st.Dio_mem_align, st.Dio_offset_align, true, nil
}

// Kernel returns the kernel release (uname -r).
func Kernel() (string, error) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "", fmt.Errorf("uname: %w", err)
	}
	return unix.ByteSliceToString(u.Release[:]), nil
}

// OnlineCPUs counts the online CPUs (/sys/devices/system/cpu/online).
func OnlineCPUs() (int, error) {
	const p = "/sys/devices/system/cpu/online"
	s, err := readTrim(p)
	if err != nil {
		return 0, err
	}
	n, err := countCPUList(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", p, err)
	}
	return n, nil
}

// countCPUList counts the CPUs in a kernel cpu list such as "0-3,8,10-11".
func countCPUList(s string) (int, error) {
	n := 0
	for part := range strings.SplitSeq(strings.TrimSpace(s), ",") {
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return 0, fmt.Errorf("bad cpu list %q", s)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < a {
				return 0, fmt.Errorf("bad cpu list %q", s)
			}
		}
		n += b - a + 1
	}
	if n == 0 {
		return 0, fmt.Errorf("empty cpu list %q", s)
	}
	return n, nil
}

// CacheLine returns the L1 data cache line size of cpu0
// (/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size).
func CacheLine() (int, error) {
	const p = "/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size"
	s, err := readTrim(p)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s: bad line size %q", p, s)
	}
	return n, nil
}

// Virt names the hypervisor the machine runs under ("kvm", "xen", "vmware",
// "hyperv", "virtualbox", ...), "none" on bare metal, or returns an error
// when it cannot tell. Sources, in order: the CPUID hypervisor leaf (x86),
// /sys/hypervisor/type, the DMI vendor strings, and the cpuinfo
// "hypervisor" flag (which proves a VM without naming it).
func Virt() (string, error) {
	if v, ok := cpuidHypervisor(); ok {
		return v, nil
	}
	if s, err := readTrim("/sys/hypervisor/type"); err == nil && s != "" {
		return strings.ToLower(s), nil
	}
	dmi := ""
	for _, f := range []string{"sys_vendor", "product_name", "bios_vendor"} {
		if s, err := readTrim("/sys/class/dmi/id/" + f); err == nil {
			dmi += " " + strings.ToLower(s)
		}
	}
	for _, v := range []struct{ sub, name string }{
		{"kvm", "kvm"}, {"qemu", "qemu"}, {"amazon ec2", "kvm"}, {"google", "kvm"},
		{"vmware", "vmware"}, {"virtualbox", "virtualbox"}, {"innotek", "virtualbox"},
		{"xen", "xen"}, {"microsoft corporation", "hyperv"}, {"parallels", "parallels"},
		{"bochs", "bochs"}, {"firecracker", "kvm"}, {"cloud hypervisor", "kvm"},
	} {
		if strings.Contains(dmi, v.sub) {
			return v.name, nil
		}
	}
	flag, err := cpuinfoHypervisorFlag()
	if err != nil {
		return "", err
	}
	if flag {
		return "", errors.New("cpuinfo has the hypervisor flag but no source names the hypervisor")
	}
	return "", errors.New("no CPUID hypervisor leaf, /sys/hypervisor/type or DMI vendor names the platform")
}

func cpuinfoHypervisorFlag() (bool, error) {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "flags" {
			return strings.Contains(" "+v+" ", " hypervisor "), nil
		}
	}
	return false, sc.Err()
}

func readTrim(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return string(bytes.TrimSpace(b)), nil
}

// BlockDevice finds the block device holding path: its st_dev under
// /sys/dev/block, or, for filesystems that report an anonymous st_dev
// (btrfs), the mount source in /proc/self/mountinfo. Partitions resolve to
// their parent disk for queue attributes.
func BlockDevice(path string) (Block, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return Block{}, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	maj, mnr := unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev))
	dev := fmt.Sprintf("%d:%d", maj, mnr)
	sys := "/sys/dev/block/" + dev
	if _, err := os.Stat(sys); err != nil {
		// Anonymous device (btrfs subvolumes, overlayfs, network fs): try
		// the mount's source device.
		src, serr := mountSourceDev(dev)
		if serr != nil {
			return Block{}, fmt.Errorf("no block device for %s (st_dev %s): %s missing and %w", path, dev, sys, serr)
		}
		dev = src
		sys = "/sys/dev/block/" + dev
		if _, err := os.Stat(sys); err != nil {
			return Block{}, fmt.Errorf("no block device for %s: %w", path, err)
		}
	}
	real, err := filepath.EvalSymlinks(sys)
	if err != nil {
		return Block{}, fmt.Errorf("resolve %s: %w", sys, err)
	}
	b := Block{Dev: dev, Name: filepath.Base(real), StatPath: sys + "/stat"}
	disk := real
	if _, err := os.Stat(filepath.Join(real, "partition")); err == nil {
		disk = filepath.Dir(real)
	}
	b.Disk = filepath.Base(disk)
	q := filepath.Join(disk, "queue")
	b.Rotational, _ = readTrim(filepath.Join(q, "rotational"))
	if s, err := readTrim(filepath.Join(q, "scheduler")); err == nil {
		b.Scheduler = activeScheduler(s)
	}
	b.LBS, _ = readTrim(filepath.Join(q, "logical_block_size"))
	b.PBS, _ = readTrim(filepath.Join(q, "physical_block_size"))
	return b, nil
}

// activeScheduler picks the bracketed entry of queue/scheduler
// ("none [mq-deadline] kyber" → "mq-deadline"); a single entry without
// brackets (e.g. "none") is the active one.
func activeScheduler(s string) string {
	fields := strings.Fields(s)
	for _, f := range fields {
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			return strings.Trim(f, "[]")
		}
	}
	if len(fields) == 1 {
		return fields[0]
	}
	return ""
}

// mountSourceDev finds the mount whose st_dev is dev in
// /proc/self/mountinfo and returns the "major:minor" of its source when the
// source is a block device node.
func mountSourceDev(dev string) (string, error) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return "", err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 10 || f[2] != dev {
			continue
		}
		i := 6
		for i < len(f) && f[i] != "-" {
			i++
		}
		if i+2 >= len(f) {
			continue
		}
		src := f[i+2]
		if !strings.HasPrefix(src, "/dev/") {
			return "", fmt.Errorf("mount source %q of st_dev %s is not a block device", src, dev)
		}
		var st unix.Stat_t
		if err := unix.Stat(src, &st); err != nil {
			return "", &os.PathError{Op: "stat", Path: src, Err: err}
		}
		if st.Mode&unix.S_IFMT != unix.S_IFBLK {
			return "", fmt.Errorf("mount source %s is not a block device", src)
		}
		return fmt.Sprintf("%d:%d", unix.Major(uint64(st.Rdev)), unix.Minor(uint64(st.Rdev))), nil
	}
	return "", fmt.Errorf("st_dev %s not found in /proc/self/mountinfo", dev)
}

// DeviceReads returns field 1 (read requests completed) of a block device
// stat file such as Block.StatPath.
func DeviceReads(statPath string) (uint64, error) {
	s, err := readTrim(statPath)
	if err != nil {
		return 0, err
	}
	f := strings.Fields(s)
	if len(f) < 1 {
		return 0, fmt.Errorf("%s: empty stat file", statPath)
	}
	n, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: reads completed %q: %w", statPath, f[0], err)
	}
	return n, nil
}

// mincore wraps mincore(2), which x/sys/unix does not export on Linux.
func mincore(b, vec []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, _, e := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if e != 0 {
		return e
	}
	return nil
}

// Gettid returns the calling OS thread's id.
func Gettid() (int, error) { return unix.Gettid(), nil }

// ProactiveReclaim says whether the kernel pages out memory on its own
// schedule, without memory pressure, which makes a warm page cache decay:
// "damon-pageout" when a running DAMON kdamond has a pageout scheme,
// "damon-reclaim" when the damon_reclaim module is enabled, "none" when
// neither is configured. It returns an error when sysfs cannot be read
// (the DAMON admin files are root-only).
func ProactiveReclaim() (string, error) { return proactiveReclaim("/") }

func proactiveReclaim(root string) (string, error) {
	if s, err := readTrim(filepath.Join(root, "sys/module/damon_reclaim/parameters/enabled")); err == nil && (s == "Y" || s == "1") {
		return "damon-reclaim", nil
	}
	kd := filepath.Join(root, "sys/kernel/mm/damon/admin/kdamonds")
	entries, err := os.ReadDir(kd)
	if errors.Is(err, fs.ErrNotExist) {
		return "none", nil
	}
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue // nr_kdamonds
		}
		state, err := readTrim(filepath.Join(kd, e.Name(), "state"))
		if err != nil {
			return "", err
		}
		if state != "on" {
			continue
		}
		actions, err := filepath.Glob(filepath.Join(kd, e.Name(), "contexts", "*", "schemes", "*", "action"))
		if err != nil {
			return "", err
		}
		for _, a := range actions {
			act, err := readTrim(a)
			if err != nil {
				return "", err
			}
			if act == "pageout" {
				return "damon-pageout", nil
			}
		}
	}
	return "none", nil
}
