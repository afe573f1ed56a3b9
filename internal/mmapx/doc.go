// Package mmapx maps files into memory and prefaults them, for the mmap
// benchmark family.
//
// It is a thin layer over mmap(2), madvise(2) and munmap(2) from
// golang.org/x/sys/unix that names the choices the benchmarks compare:
//
//   - [Options.Private] maps the file copy-on-write and writable
//     (MAP_PRIVATE, PROT_READ|PROT_WRITE) instead of read-only and shared
//     (MAP_SHARED, PROT_READ).
//   - [Options.Populate] adds MAP_POPULATE: mmap returns only after the
//     kernel has read the file into the page cache and filled the page
//     tables. On a writable private mapping this breaks copy-on-write, so
//     every page is copied into anonymous memory.
//   - [Advise] with [WillNeed] (MADV_WILLNEED) starts asynchronous readahead
//     and returns; with [PopulateRead] (MADV_POPULATE_READ, Linux ≥ 5.14) it
//     read-faults every page synchronously, like MAP_POPULATE but without
//     breaking copy-on-write. [ProbePopulateRead] tells whether the kernel
//     has it.
//
// Only Linux is implemented. Elsewhere every function returns an error
// wrapping errors.ErrUnsupported (platform.ErrUnsupported); none returns a
// zero value as if it had worked.
package mmapx
