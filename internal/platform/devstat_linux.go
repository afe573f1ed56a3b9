package platform

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// DevStat is the part of a block device's stat file (Documentation/
// ABI/stable/sysfs-block, "stat") that the queue-depth meter reads.
type DevStat struct {
	ReadSectors uint64 // field 3: 512-byte sectors read
	InFlight    uint64 // field 9: requests in flight now
	TimeInQueue uint64 // field 11: ms, summed over every request in flight (iostat's aqu-sz numerator)
}

// DeviceStat reads a block device stat file such as Block.StatPath.
func DeviceStat(statPath string) (DevStat, error) {
	s, err := readTrim(statPath)
	if err != nil {
		return DevStat{}, err
	}
	f := strings.Fields(s)
	if len(f) < 11 {
		return DevStat{}, fmt.Errorf("%s: %d fields, want at least 11", statPath, len(f))
	}
	var v [3]uint64
	for i, idx := range []int{2, 8, 10} {
		if v[i], err = strconv.ParseUint(f[idx], 10, 64); err != nil {
			return DevStat{}, fmt.Errorf("%s: field %d %q: %w", statPath, idx+1, f[idx], err)
		}
	}
	return DevStat{ReadSectors: v[0], InFlight: v[1], TimeInQueue: v[2]}, nil
}

// DeviceInflight returns the requests in flight on the block device whose
// stat file is statPath, from the "inflight" file beside it (reads plus
// writes).
func DeviceInflight(statPath string) (uint64, error) {
	p := filepath.Join(filepath.Dir(statPath), "inflight")
	s, err := readTrim(p)
	if err != nil {
		return 0, err
	}
	var n uint64
	for _, x := range strings.Fields(s) {
		v, err := strconv.ParseUint(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %q: %w", p, x, err)
		}
		n += v
	}
	return n, nil
}
