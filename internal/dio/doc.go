// Package dio holds the raw system calls bench/directio makes on an O_DIRECT
// file descriptor: pread and pwrite without the os.File locking and
// bookkeeping (Pread, Pwrite), the same calls around the runtime's system
// call hooks for goroutines locked to their threads (RawPread, RawPwrite), the filesystem's direct-I/O alignment from statx
// (STATX_DIOALIGN), and recognising the EINVAL with which a filesystem
// refuses O_DIRECT.
//
// The real implementation is Linux only (dio_linux.go). On every other
// operating system each function returns an error wrapping
// errors.ErrUnsupported (platform.ErrUnsupported, dio_other.go), never a zero
// that could be mistaken for a measurement.
package dio
