package mmap

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
)

// dataSeed seeds the data file's content: every run of every machine maps
// the same bytes.
const dataSeed = 1

// writeDataFile writes size bytes of pseudo-random content generated from
// seed to path and fsyncs it, so that no page is dirty (eviction can drop
// them all) and none is a hole or compressible (storage cannot fake reads).
// It writes to path+".tmp" and renames, so a file at path is always
// complete.
func writeDataFile(path string, size int64, seed uint64) (err error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("writing mmap data file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := io.CopyN(w, newRandReader(seed), size); err != nil {
		return fmt.Errorf("writing mmap data file %s: %w", tmp, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing mmap data file %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("fsync mmap data file %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("closing mmap data file %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing mmap data file: %w", err)
	}
	return nil
}

// newRandReader returns an endless stream of ChaCha8 bytes keyed by seed.
func newRandReader(seed uint64) io.Reader {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed)
	return rand.NewChaCha8(key)
}
