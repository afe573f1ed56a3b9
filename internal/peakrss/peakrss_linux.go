package peakrss

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
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

// Floor returns this process's peak RSS after giving the Go heap back to
// the system and resetting the peak: a child started next reports at least
// this much as its own peak RSS (see the package doc). It fails when
// /proc/self/clear_refs or /proc/self/status cannot be used.
func Floor() (int64, error) {
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return 0, fmt.Errorf("peakrss: reset this process's peak RSS: %w; needs Linux 4.0 or later with /proc mounted", err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("peakrss: %w", err)
	}
	return parseHWM(status)
}

// parseHWM returns the VmHWM line of a /proc/<pid>/status file, in bytes.
func parseHWM(status []byte) (int64, error) {
	for line := range strings.SplitSeq(string(status), "\n") {
		rest, ok := strings.CutPrefix(line, "VmHWM:")
		if !ok {
			continue
		}
		kb, ok := strings.CutSuffix(strings.TrimSpace(rest), " kB")
		n, err := strconv.ParseInt(strings.TrimSpace(kb), 10, 64)
		if !ok || err != nil || n < 0 {
			return 0, fmt.Errorf("peakrss: /proc/self/status: malformed line %q, want VmHWM: <n> kB", line)
		}
		return n * 1024, nil
	}
	return 0, fmt.Errorf("peakrss: /proc/self/status has no VmHWM line; needs Linux with /proc mounted")
}
