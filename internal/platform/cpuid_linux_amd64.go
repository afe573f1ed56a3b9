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
