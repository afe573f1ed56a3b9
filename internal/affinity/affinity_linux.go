package affinity

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// maxCPU is one past the highest CPU number a fixed-size [unix.CPUSet] can
// hold. On a kernel built for more CPUs, sched_getaffinity fails with EINVAL
// and Allowed returns that error rather than a truncated set.
const maxCPU = len(unix.CPUSet{}) * 64

// Allowed returns the CPUs the calling OS thread may run on
// (sched_getaffinity), in ascending order. For a thread whose mask nobody
// narrowed, that is the process's allowed set (taskset, cgroup cpuset).
func Allowed() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, fmt.Errorf("affinity: sched_getaffinity of the calling thread: %w", err)
	}
	return cpus(&set), nil
}

// Pin restricts the calling OS thread to cpu, which must be in the thread's
// current mask (see [Allowed]); Pin only narrows a mask, it never widens one.
// It returns restore, which sets the thread's mask back to what it was before
// Pin. The caller must hold [runtime.LockOSThread] from before Pin until
// restore has returned nil. When Pin returns an error the mask is unchanged.
// The error wraps the errno (unix.EPERM, unix.EINVAL) when the kernel refused.
func Pin(cpu int) (restore func() error, err error) {
	var old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		return nil, fmt.Errorf("affinity: pin to CPU %d: sched_getaffinity: %w", cpu, err)
	}
	// CPUSet.Set silently ignores numbers past its size and maps negative
	// ones onto real bits, so check the range before asking the set.
	if cpu < 0 || cpu >= maxCPU || !old.IsSet(cpu) {
		return nil, fmt.Errorf("affinity: pin to CPU %d: not in the thread's allowed set %v; pick one of Allowed()", cpu, cpus(&old))
	}
	var one unix.CPUSet
	one.Set(cpu)
	if err := unix.SchedSetaffinity(0, &one); err != nil {
		return nil, fmt.Errorf("affinity: pin to CPU %d: sched_setaffinity: %w", cpu, err)
	}
	restore = func() error {
		if err := unix.SchedSetaffinity(0, &old); err != nil {
			return fmt.Errorf("affinity: restore mask %v after pinning to CPU %d: sched_setaffinity: %w", cpus(&old), cpu, err)
		}
		return nil
	}
	return restore, nil
}

func cpus(set *unix.CPUSet) []int {
	list := make([]int, 0, set.Count())
	for c := 0; c < maxCPU && len(list) < cap(list); c++ {
		if set.IsSet(c) {
			list = append(list, c)
		}
	}
	return list
}
