package dio

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"

	"github.com/benchrig/benchrig/internal/platform"
)

// ErrUnsupported is returned (wrapped) by every function on operating systems
// other than Linux. errors.Is(err, errors.ErrUnsupported) also holds.
var ErrUnsupported = fmt.Errorf("%w on %s: benchrig's direct I/O benchmarks use Linux pread/pwrite and statx; run them on Linux", errors.ErrUnsupported, runtime.GOOS)

// ErrAlignUnknown is returned (wrapped) by [StatAlign] when the kernel or the
// filesystem does not report STATX_DIOALIGN (Linux before 6.1, or a
// filesystem that does not fill it in). The alignment is then unknown, not
// zero: the caller has to probe with a real O_DIRECT request.
var ErrAlignUnknown = errors.New("statx does not report STATX_DIOALIGN (needs Linux 6.1 or later and filesystem support)")

// Align is a file's direct-I/O alignment as statx reports it.
type Align struct {
	// Mem is stx_dio_mem_align: the alignment in bytes that a user buffer's
	// address must have. 0 means the file does not support direct I/O.
	Mem uint32
	// Offset is stx_dio_offset_align: the alignment in bytes of the file
	// offset and the length of every direct I/O request.
	Offset uint32
}

// Supported reports whether statx says the file supports direct I/O at all.
func (a Align) Supported() bool { return a.Mem != 0 && a.Offset != 0 }

// String formats a as "mem=<m>,offset=<o>".
func (a Align) String() string { return fmt.Sprintf("mem=%d,offset=%d", a.Mem, a.Offset) }

// Refused reports whether err is the EINVAL with which open(2), read(2) or
// write(2) reject O_DIRECT on a filesystem (or with a buffer, offset or length)
// that cannot do it.
func Refused(err error) bool { return errors.Is(err, syscall.EINVAL) }

// StatAlign returns path's direct-I/O alignment (statx with STATX_DIOALIGN,
// through internal/platform so benchrig has one statx call). It wraps
// [ErrAlignUnknown] when the kernel or filesystem does not report it, and an
// error wrapping errors.ErrUnsupported off Linux.
func StatAlign(path string) (Align, error) {
	mem, off, ok, err := platform.DIOAlign(path)
	switch {
	case err != nil:
		return Align{}, err
	case !ok:
		return Align{}, fmt.Errorf("%s: %w", path, ErrAlignUnknown)
	}
	return Align{Mem: mem, Offset: off}, nil
}
