package platform

import (
	"encoding/binary"
	"strings"
)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

// cpuidHypervisor reads CPUID: leaf 1 ECX bit 31 says whether a hypervisor
// is present, and leaf 0x40000000 carries its vendor signature.
func cpuidHypervisor() (string, bool) {
	_, _, ecx, _ := cpuid(1, 0)
	if ecx&(1<<31) == 0 {
		return "none", true
	}
	_, b, c, d := cpuid(0x40000000, 0)
	var sig [12]byte
	binary.LittleEndian.PutUint32(sig[0:], b)
	binary.LittleEndian.PutUint32(sig[4:], c)
	binary.LittleEndian.PutUint32(sig[8:], d)
	s := strings.TrimRight(string(sig[:]), "\x00")
	switch s {
	case "KVMKVMKVM":
		return "kvm", true
	case "Microsoft Hv":
		return "hyperv", true
	case "VMwareVMware":
		return "vmware", true
	case "XenVMMXenVMM":
		return "xen", true
	case "TCGTCGTCGTCG":
		return "qemu", true
	case "VBoxVBoxVBox":
		return "virtualbox", true
	case "ACRNACRNACRN":
		return "acrn", true
	case "bhyve bhyve ":
		return "bhyve", true
	case " lrpepyh  vr":
		return "parallels", true
	}
	return "", false // a hypervisor, but not one we can name from CPUID
}

// cpuidCacheLine reads the line size CLFLUSH works on from CPUID leaf 1
// (EBX bits 15:8, in 8-byte units, valid when EDX bit 19 says CLFLUSH
// exists): the cache line size every x86 CPU since the Pentium 4 reports,
// and what the kernel prints as "clflush size" in /proc/cpuinfo. It is the
// fallback for kernels that do not expose /sys/devices/system/cpu/cpu0/cache.
func cpuidCacheLine() (int, bool) {
	_, ebx, _, edx := cpuid(1, 0)
	if edx&(1<<19) == 0 {
		return 0, false
	}
	n := int(ebx>>8&0xff) * 8
	return n, n > 0
}
