package platform

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of /proc/stat: the kernel reports CPU time in
// USER_HZ ticks, 100 per second on every Linux architecture.
const userHZ = 100

// maxTicks bounds one counter so that the sum of up to eight counters,
// in nanoseconds, fits a time.Duration: about 36 years of CPU time per
// counter. A machine past that (hundreds of CPUs up for months) gets an
// error, so the load metrics are left out rather than wrapped around.
const maxTicks = math.MaxInt64 / int64(time.Second/userHZ) / 8

// ReadCPUStat reads the machine-wide CPU time from /proc/stat.
func ReadCPUStat() (CPUStat, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return CPUStat{}, err
	}
	return parseCPUStat(string(b))
}

// parseCPUStat reads the aggregate "cpu" line: user nice system idle iowait
// irq softirq steal [guest guest_nice], in USER_HZ ticks.
func parseCPUStat(s string) (CPUStat, error) {
	for line := range strings.SplitSeq(s, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "cpu" {
			continue
		}
		if len(f) < 9 {
			return CPUStat{}, fmt.Errorf("/proc/stat: cpu line has %d fields, want at least 8 values: %q", len(f)-1, line)
		}
		var v [8]int64
		for i := range v {
			n, err := strconv.ParseInt(f[i+1], 10, 64)
			if err != nil || n < 0 || n > maxTicks {
				return CPUStat{}, fmt.Errorf("/proc/stat: cpu field %d is %q, want a tick count", i+1, f[i+1])
			}
			v[i] = n
		}
		tick := time.Second / userHZ
		busy := v[0] + v[1] + v[2] + v[5] + v[6]
		return CPUStat{Busy: time.Duration(busy) * tick, Idle: time.Duration(v[3]+v[4]) * tick, Steal: time.Duration(v[7]) * tick}, nil
	}
	return CPUStat{}, fmt.Errorf("/proc/stat: no aggregate cpu line")
}
