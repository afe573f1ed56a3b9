//go:build linux && !amd64

package platform

// cpuidHypervisor has no CPUID to read on this architecture.
func cpuidHypervisor() (string, bool) { return "", false }

// cpuidCacheLine has no CPUID to read on this architecture.
func cpuidCacheLine() (int, bool) { return 0, false }
