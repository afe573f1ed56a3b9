package directio

import (
	"errors"
	"fmt"
	"os"
	"testing"

	ncw "github.com/ncw/directio"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/dio"
)

// memoryFS lists filesystems whose O_DIRECT, when accepted, is still served
// from memory.
var memoryFS = map[string]bool{"tmpfs": true, "ramfs": true, "overlayfs": true}

// refuseMemoryFS is the skip reason for memoryFS.
const refuseMemoryFS = "tmpfs accepts O_DIRECT on Linux ≥ 6.6 but still caches; set BENCHRIG_DIR to a disk-backed directory"

// requireDirect skips tb when dir cannot give a real direct I/O measurement:
// memory and union filesystems, and anything without a local block device.
func requireDirect(tb testing.TB, dir string) {
	tb.Helper()
	if fs := harness.FSType(dir); memoryFS[fs] {
		harness.Skipf(tb, "io=direct refused: %s is on %s. %s", dir, fs, refuseMemoryFS)
	}
	harness.RequireDisk(tb, dir)
}

// checkAlign skips tb when path's filesystem needs more alignment than
// github.com/ncw/directio gives (buffers aligned to AlignSize) or than the
// request size bs gives offsets and lengths. Where statx does not report the
// alignment, the probe request in openFile decides.
func checkAlign(tb testing.TB, path string, bs int64) {
	tb.Helper()
	a, err := dio.StatAlign(path)
	switch {
	case errors.Is(err, dio.ErrAlignUnknown):
		return
	case err != nil:
		tb.Fatalf("directio: %v", err)
	case !a.Supported():
		harness.Skipf(tb, "io=direct: statx reports no direct I/O support for %s (%s, fs %s); set BENCHRIG_DIR to a directory on a filesystem that supports O_DIRECT (ext4, xfs, btrfs)", path, a, harness.FSType(path))
	case int64(a.Mem) > ncw.AlignSize || ncw.AlignSize%int64(a.Mem) != 0:
		harness.Skipf(tb, "io=direct: %s needs buffers aligned to %d bytes (statx dio_mem_align) but github.com/ncw/directio aligns to %d; set BENCHRIG_DIR to a filesystem with smaller alignment", path, a.Mem, ncw.AlignSize)
	case bs%int64(a.Offset) != 0:
		harness.Skipf(tb, "io=direct: %s needs offsets and lengths aligned to %d bytes (statx dio_offset_align), bs=%s is not; set BENCHRIG_DIR to a filesystem on a device with smaller logical blocks", path, a.Offset, harness.FormatSize(bs))
	}
}

// openFile opens path for c (O_DIRECT through github.com/ncw/directio when
// c.direct), closes it when tb ends, and makes one untimed probe read so a
// filesystem that accepts the open but refuses the request is skipped, not
// measured.
func openFile(tb testing.TB, path string, flag int, c ioCase) *os.File {
	tb.Helper()
	var (
		f   *os.File
		err error
	)
	if c.direct {
		f, err = ncw.OpenFile(path, flag, 0)
	} else {
		f, err = os.OpenFile(path, flag, 0)
	}
	if c.direct && dio.Refused(err) {
		harness.Skipf(tb, "io=direct: open %s with O_DIRECT failed with EINVAL: %s refuses direct I/O; set BENCHRIG_DIR to a directory on a filesystem that supports it (ext4, xfs, btrfs)", path, harness.FSType(path))
	}
	if err != nil {
		tb.Fatalf("directio: open %s: %v", path, err)
	}
	tb.Cleanup(func() { f.Close() })
	buf := ncw.AlignedBlock(int(c.bs))
	if _, err := dio.Pread(f.Fd(), buf, 0); err != nil {
		if c.direct && dio.Refused(err) {
			harness.Skipf(tb, "io=direct: a %s O_DIRECT read of %s failed with EINVAL: %s refuses direct I/O at this size or alignment; set BENCHRIG_DIR to a directory on a filesystem that supports it (ext4, xfs, btrfs)", harness.FormatSize(c.bs), path, harness.FSType(path))
		}
		tb.Fatalf("directio: probe pread %s: %v", path, err)
	}
	return f
}

// bypassLimit is how many resident pages a file may show after ios direct
// requests: a small constant plus 1% of the requests. A direct path leaves 0;
// a path that caches leaves about one page per distinct block it touched.
func bypassLimit(ios int64) int64 { return 16 + ios/100 }

// requireBypass fails b when the direct requests left path in the page cache:
// the number would then not be a device measurement.
func requireBypass(b *testing.B, path string, ios int64) {
	b.Helper()
	r, err := harness.Resident(path)
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	if limit := bypassLimit(ios); r.Resident > limit {
		b.Fatalf("directio: io=direct did not bypass the page cache: after %d requests %s has %s (limit %d); the filesystem serves O_DIRECT from memory, so this is not a device measurement; set BENCHRIG_DIR to a disk-backed ext4, xfs or btrfs directory", ios, path, r, limit)
	}
}

// warm makes path fully resident (proven by harness.Warm), skipping the
// re-read when it already is.
func warm(b *testing.B, path string) {
	b.Helper()
	if r, err := harness.Resident(path); err == nil && r.Pages > 0 && r.Resident == r.Pages {
		return
	}
	harness.Warm(b, path)
}

// warmErr says why a warm run was not served from memory: more than 0.1% of
// the requested bytes came from storage during the loop. Pages that left the
// cache without being read again did not touch the measurement; they are
// logged.
func warmErr(b testing.TB, path string, readBytes, requested int64) error {
	b.Helper()
	if readBytes*1000 > requested {
		return fmt.Errorf("%d of %d requested bytes came from storage during the loop", readBytes, requested)
	}
	r, err := harness.Resident(path)
	if err != nil {
		b.Fatalf("directio: %v", err)
	}
	if r.Resident < r.Pages {
		b.Logf("directio: %s has %s after the loop; %d bytes came from storage during it, so the measurement stayed warm", path, r, readBytes)
	}
	return nil
}
