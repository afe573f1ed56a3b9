package peakrss

import (
	"fmt"
	"os"
	"syscall"
)

// Of returns the peak RSS in bytes of the finished process ps (after
// cmd.Wait), from ru_maxrss (KiB on Linux).
func Of(ps *os.ProcessState) (int64, error) {
	if ps == nil {
		return 0, fmt.Errorf("peakrss.Of: nil ProcessState; call it after cmd.Wait or cmd.Run")
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, fmt.Errorf("peakrss.Of: ProcessState has no rusage (%T)", ps.SysUsage())
	}
	return ru.Maxrss * 1024, nil
}
