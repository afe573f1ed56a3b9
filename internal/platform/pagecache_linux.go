package platform

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// DropCache writes f's dirty pages back (fsync: dirty pages cannot be
// dropped) and then asks the kernel to drop its clean cached pages
// (DropClean). Pages mapped by a process stay.
func DropCache(f *os.File) error {
	if err := f.Sync(); err != nil {
		return err
	}
	return DropClean(f)
}

// DropClean asks the kernel to drop f's clean cached pages
// (posix_fadvise POSIX_FADV_DONTNEED); dirty and mapped pages stay.
func DropClean(f *os.File) error {
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return &os.PathError{Op: "posix_fadvise(POSIX_FADV_DONTNEED)", Path: f.Name(), Err: err}
	}
	return nil
}

// SyncFS writes back the dirty pages of the filesystem holding f
// (syncfs(2), no root needed).
func SyncFS(f *os.File) error {
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: f.Name(), Err: err}
	}
	return nil
}

// window bounds one mmap+mincore call, so huge files need neither a huge
// mapping nor a huge vector.
const window = 1 << 30

// Residency returns how many of the pages spanned by the first size bytes of
// f are in the page cache (mmap read-only, mincore, munmap; the mapping is
// never touched, so measuring does not fault pages in).
func Residency(f *os.File, size int64) (resident, pages int64, err error) {
	ps := int64(os.Getpagesize())
	pages = (size + ps - 1) / ps
	var vec []byte
	for off := int64(0); off < size; off += window {
		n := min(size-off, window)
		m, err := unix.Mmap(int(f.Fd()), off, int(n), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			return 0, pages, &os.PathError{Op: "mmap", Path: f.Name(), Err: err}
		}
		np := (n + ps - 1) / ps
		if int64(cap(vec)) < np {
			vec = make([]byte, np)
		}
		vec = vec[:np]
		err = mincore(m, vec)
		if uerr := unix.Munmap(m); err == nil && uerr != nil {
			err = uerr
		}
		if err != nil {
			return 0, pages, &os.PathError{Op: "mincore", Path: f.Name(), Err: err}
		}
		for _, v := range vec {
			resident += int64(v & 1)
		}
	}
	return resident, pages, nil
}

// mincore wraps mincore(2), which x/sys/unix does not export on Linux.
func mincore(b, vec []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, _, e := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if e != 0 {
		return e
	}
	return nil
}
