package platform

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

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
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt, CPU: cpuTime(ru.Utime, ru.Stime)}, nil
}

// SysRusage converts os.ProcessState.SysUsage() (a *syscall.Rusage on Linux).
func SysRusage(sys any) (Rusage, error) {
	ru, ok := sys.(*syscall.Rusage)
	if !ok || ru == nil {
		return Rusage{}, fmt.Errorf("process usage is %T, want *syscall.Rusage (has the process been waited for?)", sys)
	}
	return Rusage{Inblock: ru.Inblock, Oublock: ru.Oublock, Minflt: ru.Minflt, Majflt: ru.Majflt, CPU: cpuTime(unix.Timeval(ru.Utime), unix.Timeval(ru.Stime))}, nil
}

func cpuTime(user, sys unix.Timeval) time.Duration {
	return time.Duration(user.Nano() + sys.Nano())
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

// Gettid returns the calling OS thread's id.
func Gettid() (int, error) { return unix.Gettid(), nil }
