package harness

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/benchrig/benchrig/internal/dio"
)

// Data files: the seeded, incompressible files benchmarks read. Their content
// depends only on (seed, offset), so any range of a file can be generated or
// checked on its own, and a file is the same on every run and machine.

const golden = 0x9e3779b97f4a7c15 // splitmix64's increment

// mix is splitmix64's output function: a bijection on uint64 with good
// avalanche, so mix(seed + i*golden) is a counter-based PRNG that needs no
// state and never allocates.
func mix(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// SeedWord returns word i of seed's pseudo-random stream, never zero. Word i
// is bytes 8i to 8i+7 of the data file made from seed (little-endian). It
// takes no lock and does not allocate, so goroutines can share a stream
// (e.g. of random offsets) and always draw the same values.
func SeedWord(seed, i uint64) uint64 {
	w := mix(seed + (i+1)*golden)
	if w == 0 {
		w = 1 // mix is a bijection: exactly one i in 2^64 lands here
	}
	return w
}

// FillData writes into p the content of the data file made from seed, as
// found at file offset off (off >= 0).
func FillData(p []byte, seed uint64, off int64) {
	var w [8]byte
	for len(p) > 0 && off%8 != 0 { // the partial word before the first whole one
		binary.LittleEndian.PutUint64(w[:], SeedWord(seed, uint64(off)/8))
		n := copy(p, w[off%8:])
		p, off = p[n:], off+int64(n)
	}
	i := uint64(off) / 8
	for len(p) >= 8 {
		binary.LittleEndian.PutUint64(p, SeedWord(seed, i))
		p, i = p[8:], i+1
	}
	if len(p) > 0 {
		binary.LittleEndian.PutUint64(w[:], SeedWord(seed, i))
		copy(p, w[:])
	}
}

// writeChunk is the request size used to write data files: large, aligned
// direct writes are the fastest way to put 1GiB on a disk, and they leave
// the page cache as it was.
const writeChunk = 4 << 20

// WriteDataFile writes size bytes of the content made from seed (see
// [FillData]) to path and fsyncs it, so no page is dirty (eviction can drop
// them all) and none is a hole or compressible (storage cannot fake reads).
// It writes path+".tmp" and renames it, so a file at path is always complete.
// Where the filesystem allows and size is a whole number of 4KiB blocks, it
// uses writeChunk-sized O_DIRECT writes from a few goroutines; otherwise
// buffered writes. Errors name the path.
func WriteDataFile(path string, size int64, seed uint64) (err error) {
	if size <= 0 {
		return fmt.Errorf("write data file %s: size %d; want a positive size", path, size)
	}
	tmp := path + ".tmp"
	f, err := createDataFile(tmp, size)
	if err != nil {
		return fmt.Errorf("create data file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := writeChunks(f, size, seed); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("fsync data file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close data file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write data file: %w", err)
	}
	return nil
}

// createDataFile creates (or truncates) path for writing, with O_DIRECT when
// size allows it and the filesystem accepts it.
func createDataFile(path string, size int64) (*os.File, error) {
	const flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if size%dio.BlockAlign == 0 {
		f, err := dio.OpenDirect(path, flag, 0o600)
		if !dio.Refused(err) && !errors.Is(err, errors.ErrUnsupported) {
			return f, err
		}
	}
	return os.OpenFile(path, flag, 0o600)
}

// writeChunks fills f with size bytes of seed's content, writeChunk bytes a
// request, from a few goroutines.
func writeChunks(f *os.File, size int64, seed uint64) error {
	nchunks := (size + writeChunk - 1) / writeChunk
	const workers = 4
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs [workers]error
	)
	for w := range workers {
		wg.Go(func() {
			buf := dio.AlignedBlock(writeChunk)
			for {
				c := next.Add(1) - 1
				if c >= nchunks {
					return
				}
				off := c * writeChunk
				p := buf[:min(writeChunk, size-off)]
				FillData(p, seed, off)
				if _, err := f.WriteAt(p, off); err != nil {
					errs[w] = fmt.Errorf("write data file at offset %d: %w", off, err)
					next.Store(nchunks)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs[:]...)
}

var dataFiles struct {
	sync.Mutex
	written map[string]bool // paths DataFile wrote in this process
}

// DataFile returns the path of the data file of size bytes made from seed in
// dir (named data-<size>-seed<seed>), writing it with [WriteDataFile] on the
// first call and reusing it after that: every sub-benchmark and every -count
// of a run shares one file per dir, size and seed. Before writing, it skips
// tb (with the bytes needed and free, and the fix) when dir's filesystem has
// fewer than size bytes free; it fails tb, naming the path, when the write
// fails. It is safe for concurrent use.
func DataFile(tb testing.TB, dir string, size int64, seed uint64) string {
	tb.Helper()
	path := filepath.Join(dir, fmt.Sprintf("data-%s-seed%x", FormatSize(size), seed))
	dataFiles.Lock()
	defer dataFiles.Unlock()
	if dataFiles.written[path] {
		if fi, err := os.Stat(path); err == nil && fi.Size() == size {
			return path
		}
	}
	requireFree(tb, dir, size)
	if err := WriteDataFile(path, size, seed); err != nil {
		tb.Fatalf("harness.DataFile: %v", err)
	}
	if dataFiles.written == nil {
		dataFiles.written = map[string]bool{}
	}
	dataFiles.written[path] = true
	return path
}
