package platform

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// BlockDevice finds the block device holding path: its st_dev under
// /sys/dev/block, or, for filesystems that report an anonymous st_dev
// (btrfs), the mount source in /proc/self/mountinfo. Partitions resolve to
// their parent disk for queue attributes.
func BlockDevice(path string) (Block, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return Block{}, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	maj, mnr := unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev))
	dev := fmt.Sprintf("%d:%d", maj, mnr)
	sys := "/sys/dev/block/" + dev
	if _, err := os.Stat(sys); err != nil {
		// Anonymous device (btrfs subvolumes, overlayfs, network fs): try
		// the mount's source device.
		src, serr := mountSourceDev(dev)
		if serr != nil {
			return Block{}, fmt.Errorf("no block device for %s (st_dev %s): %s missing and %w", path, dev, sys, serr)
		}
		dev = src
		sys = "/sys/dev/block/" + dev
		if _, err := os.Stat(sys); err != nil {
			return Block{}, fmt.Errorf("no block device for %s: %w", path, err)
		}
	}
	real, err := filepath.EvalSymlinks(sys)
	if err != nil {
		return Block{}, fmt.Errorf("resolve %s: %w", sys, err)
	}
	b := Block{Dev: dev, Name: filepath.Base(real), StatPath: sys + "/stat"}
	disk := real
	if _, err := os.Stat(filepath.Join(real, "partition")); err == nil {
		disk = filepath.Dir(real)
	}
	b.Disk = filepath.Base(disk)
	q := filepath.Join(disk, "queue")
	b.Rotational, _ = readTrim(filepath.Join(q, "rotational"))
	if s, err := readTrim(filepath.Join(q, "scheduler")); err == nil {
		b.Scheduler = activeScheduler(s)
	}
	b.LBS, _ = readTrim(filepath.Join(q, "logical_block_size"))
	b.PBS, _ = readTrim(filepath.Join(q, "physical_block_size"))
	return b, nil
}

// activeScheduler picks the bracketed entry of queue/scheduler
// ("none [mq-deadline] kyber" → "mq-deadline"); a single entry without
// brackets (e.g. "none") is the active one.
func activeScheduler(s string) string {
	fields := strings.Fields(s)
	for _, f := range fields {
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			return strings.Trim(f, "[]")
		}
	}
	if len(fields) == 1 {
		return fields[0]
	}
	return ""
}

// mountSourceDev finds the mount whose st_dev is dev in
// /proc/self/mountinfo and returns the "major:minor" of its source when the
// source is a block device node.
func mountSourceDev(dev string) (string, error) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return "", err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 10 || f[2] != dev {
			continue
		}
		i := 6
		for i < len(f) && f[i] != "-" {
			i++
		}
		if i+2 >= len(f) {
			continue
		}
		src := f[i+2]
		if !strings.HasPrefix(src, "/dev/") {
			return "", fmt.Errorf("mount source %q of st_dev %s is not a block device", src, dev)
		}
		var st unix.Stat_t
		if err := unix.Stat(src, &st); err != nil {
			return "", &os.PathError{Op: "stat", Path: src, Err: err}
		}
		if st.Mode&unix.S_IFMT != unix.S_IFBLK {
			return "", fmt.Errorf("mount source %s is not a block device", src)
		}
		return fmt.Sprintf("%d:%d", unix.Major(uint64(st.Rdev)), unix.Minor(uint64(st.Rdev))), nil
	}
	return "", fmt.Errorf("st_dev %s not found in /proc/self/mountinfo", dev)
}

// DeviceReads returns field 1 (read requests completed) of a block device
// stat file such as Block.StatPath.
func DeviceReads(statPath string) (uint64, error) {
	s, err := readTrim(statPath)
	if err != nil {
		return 0, err
	}
	f := strings.Fields(s)
	if len(f) < 1 {
		return 0, fmt.Errorf("%s: empty stat file", statPath)
	}
	n, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: reads completed %q: %w", statPath, f[0], err)
	}
	return n, nil
}
