package platform

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

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
// (/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size). Kernels
// that expose no cache dir there (some VM kernels) fall back to the line
// size CPUID reports on amd64 (cpuidCacheLine); elsewhere that is an error.
func CacheLine() (int, error) {
	const p = "/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size"
	s, err := readTrim(p)
	if err != nil {
		if n, ok := cpuidCacheLine(); ok {
			return n, nil
		}
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
