package gate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Input is one benchmark results file: a name used in messages
// (file:line) and the reader it is streamed from.
type Input struct {
	Name string
	R    io.Reader
}

// maxErrors caps how many input errors one call collects.
const maxErrors = 20

// InputError is a problem with one line (or, with Line 0, the whole) of an
// input file.
type InputError struct {
	File string
	Line int
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line < 0 {
		return e.Msg
	}
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// InputErrors is every input error found, in file order. Compare returns
// it (as an error) when any input line is unusable.
type InputErrors []*InputError

func (es InputErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// A UsageError is a bad option value (a flag, not a file, is at fault).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// pos is a place in an input file.
type pos struct {
	file string
	line int
}

func (p pos) String() string { return fmt.Sprintf("%s:%d", p.file, p.line) }

// CompareFiles is Compare over two named files.
func CompareFiles(basePath, headPath string, opts Options) (*Report, error) {
	return withFiles(basePath, headPath, func(b, h Input) (*Report, error) { return Compare(b, h, opts) })
}

// CalibrateFiles is Calibrate over two named files.
func CalibrateFiles(a1Path, a2Path string, opts Options) (*Calibration, error) {
	return withFiles(a1Path, a2Path, func(a1, a2 Input) (*Calibration, error) { return Calibrate(a1, a2, opts) })
}

// withFiles opens two named files, calls fn on them and closes them.
func withFiles[T any](a, b string, fn func(a, b Input) (T, error)) (T, error) {
	var zero T
	fa, err := openFile(a)
	if err != nil {
		return zero, err
	}
	defer fa.Close()
	fb, err := openFile(b)
	if err != nil {
		return zero, err
	}
	defer fb.Close()
	return fn(Input{a, fa}, Input{b, fb})
}

// openFile opens a named input; "-" is not supported on purpose (both
// sides need a name for file:line).
func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, &InputError{File: path, Msg: pe.Err.Error() + "; pass the path of a go test -bench output file"}
		}
		return nil, err
	}
	return f, nil
}
