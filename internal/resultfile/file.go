package resultfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxErrors caps how many refused lines [Check] returns.
const MaxErrors = 20

// Check reads r to the end and returns every refused line (at most
// [MaxErrors]) and the reader's error, joined, or nil when r is a whole,
// readable result file.
func Check(r io.Reader, name string) error {
	rd := NewReader(r, name)
	var errs []error
	for rd.Scan() {
		if e, ok := rd.Record().(*Error); ok && len(errs) < MaxErrors {
			errs = append(errs, e)
		}
	}
	if err := rd.Err(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// CheckFile is [Check] of the file at path.
func CheckFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w; pass the path of a go test -bench output file", err)
	}
	defer f.Close()
	return Check(f, path)
}
