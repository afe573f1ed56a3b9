package directio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"sync"
	"sync/atomic"

	ncw "github.com/ncw/directio"

	"github.com/benchrig/benchrig/internal/dio"
)

// Seeds of the deterministic content and offset streams. Changing one changes
// what every baseline measured: note it in the README's changelog.
const (
	dataSeed   uint64 = 0x62656e6368726967 // "benchrig": the read data file
	writeSeed  uint64 = 0x7772697465646174 // content of the write files
	offsetSeed uint64 = 0x6f66667365747321 // random offsets
)

const golden = 0x9e3779b97f4a7c15 // splitmix64's increment

// mix is splitmix64's output function: a bijection on uint64 with good
// avalanche, so mix(seed + i*golden) is a counter-based PRNG that needs no
// state and never allocates.
func mix(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// word returns the seed's i-th pseudo-random 64-bit word, never zero.
func word(seed, i uint64) uint64 {
	w := mix(seed + (i+1)*golden)
	if w == 0 {
		w = 1 // mix is a bijection: exactly one i in 2^64 lands here
	}
	return w
}

// fill writes the content of a file made from seed into p, as found at file
// offset off. Content depends only on (seed, offset), so any range of the
// file can be generated or checked on its own. off and len(p) must be
// multiples of 8.
func fill(p []byte, seed uint64, off int64) {
	w := uint64(off) / 8
	for i := 0; i+8 <= len(p); i += 8 {
		binary.LittleEndian.PutUint64(p[i:], word(seed, w))
		w++
	}
}

// block returns the i-th block index of a uniform pseudo-random stream over
// [0, nblocks) (Lemire's multiply-shift on a splitmix64 word). It does not
// allocate, takes no lock and gives every goroutine the same stream, so a run
// with b.N requests always reads the same set of offsets whatever the
// scheduling.
func block(seed, i, nblocks uint64) uint64 {
	hi, _ := bits.Mul64(word(seed, i), nblocks)
	return hi
}

// writeChunk is the request size used to lay out files: large, aligned
// direct writes are the fastest way to put 1GiB on a disk.
const writeChunk = 4 * mib

// writeFile creates (or truncates) path and fills it with size bytes of the
// content made from seed, using writeChunk-sized O_DIRECT writes from a few
// goroutines, then fsyncs it. size must be a multiple of 1MiB. Where the
// filesystem refuses O_DIRECT it falls back to buffered writes; the caller
// proves the cache state it needs afterwards (harness.Cold or harness.Warm)
// either way.
func writeFile(path string, size int64, seed uint64) (err error) {
	if size <= 0 || size%sizeQuantum != 0 {
		return fmt.Errorf("write %s: size %d is not a positive multiple of 1MiB", path, size)
	}
	const flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	f, err := ncw.OpenFile(path, flag, 0o600)
	if dio.Refused(err) {
		f, err = os.OpenFile(path, flag, 0o600)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", path, cerr)
		}
	}()

	nchunks := (size + writeChunk - 1) / writeChunk
	const workers = 4
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs [workers]error
	)
	for w := range workers {
		wg.Go(func() {
			buf := ncw.AlignedBlock(writeChunk)
			for {
				c := next.Add(1) - 1
				if c >= nchunks {
					return
				}
				off := c * writeChunk
				p := buf[:min(writeChunk, size-off)]
				fill(p, seed, off)
				if _, err := f.WriteAt(p, off); err != nil {
					errs[w] = fmt.Errorf("write %s at offset %d: %w", path, off, err)
					next.Store(nchunks)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", path, err)
	}
	return nil
}
