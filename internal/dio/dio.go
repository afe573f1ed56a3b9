package dio

import (
	"errors"
	"fmt"
	"syscall"
	"unsafe"

	"github.com/benchrig/benchrig/internal/platform"
)

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

// BlockAlign is the alignment [AlignedBlock] gives: 4096 bytes, enough for
// the direct I/O of every common filesystem and device.
const BlockAlign = 4096

// AlignedBlock returns a zeroed n-byte buffer whose address is a multiple of
// [BlockAlign], as O_DIRECT requests need.
func AlignedBlock(n int) []byte {
	b := make([]byte, n+BlockAlign)
	off := 0
	if r := int(uintptr(unsafe.Pointer(unsafe.SliceData(b))) % BlockAlign); r != 0 {
		off = BlockAlign - r
	}
	return b[off : off+n : off+n]
}
