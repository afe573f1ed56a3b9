package resultfile

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"golang.org/x/perf/benchfmt"
)

// Reader streams one result file: benchfmt's records with their real line
// numbers, the harness's notes, skips and interrupted lines, and an
// *[Error] for every line it refuses, in file order. Like
// benchfmt.Reader, a *benchfmt.Result it yields is valid only until the
// next call to Scan.
type Reader struct {
	name  string
	lines *lineReader
	bf    *benchfmt.Reader
	out   []byte   // lines prepared for benchfmt, not yet read by it
	queue []Record // records of our own, in line order
	eof   bool
	err   error

	pend    benchfmt.Record // benchfmt's next record
	pendOut bool            // pend was returned by Record
	bfDone  bool
	cur     Record

	check checker
}

// NewReader returns a Reader of r; name is the file name used in every
// file:line.
func NewReader(r io.Reader, name string) *Reader {
	if name == "" {
		name = "<input>"
	}
	rd := &Reader{name: name, lines: newLineReader(r)}
	rd.check.init()
	rd.bf = benchfmt.NewReader(feeder{rd}, name)
	return rd
}

// Scan advances to the next record and reports whether there is one.
func (r *Reader) Scan() bool {
	if r.pendOut {
		r.pend, r.pendOut = nil, false
	}
	if r.pend == nil && !r.bfDone {
		if r.bf.Scan() {
			r.pend = r.bf.Result()
		} else {
			r.bfDone = true
			if err := r.bf.Err(); err != nil && r.err == nil {
				r.err = err
			}
		}
	}
	if len(r.queue) > 0 {
		_, q := r.queue[0].Pos()
		if r.pend == nil || q <= line(r.pend) {
			r.cur, r.queue = r.queue[0], r.queue[1:]
			return true
		}
	}
	if r.pend != nil {
		r.cur, r.pendOut = r.convert(r.pend), true
		return true
	}
	return false
}

// Record returns the record Scan advanced to.
func (r *Reader) Record() Record { return r.cur }

// Err returns the error that stopped the reader (an I/O error), or nil.
// Refused lines are *Error records, not Err.
func (r *Reader) Err() error { return r.err }

// Units returns the "Unit" metadata read so far.
func (r *Reader) Units() benchfmt.UnitMetadataMap { return r.bf.Units() }

func line(rec benchfmt.Record) int {
	_, l := rec.Pos()
	return l
}

// convert turns benchfmt's syntax errors into *Error.
func (r *Reader) convert(rec benchfmt.Record) Record {
	if se, ok := rec.(*benchfmt.SyntaxError); ok {
		return &Error{File: se.FileName, Line: se.Line, Err: fmt.Errorf("%w: %s; fix or delete the line (a benchmark that failed or skipped mid-line, e.g. \"--- FAIL\", leaves such lines: rerun it)", ErrInvalid, se.Msg)}
	}
	return rec
}

// add queues one of our records, keeping the queue in line order.
func (r *Reader) add(rec Record) {
	r.queue = append(r.queue, rec)
	slices.SortStableFunc(r.queue, func(a, b Record) int {
		_, la := a.Pos()
		_, lb := b.Pos()
		return la - lb
	})
}

// refuse queues an *Error at line n wrapping kind.
func (r *Reader) refuse(n int, kind error, format string, args ...any) {
	r.add(&Error{File: r.name, Line: n, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)})
}

// emit hands one line to benchfmt (nil: an empty line, which keeps
// benchfmt's line numbers those of the file).
func (r *Reader) emit(text []byte) {
	r.out = append(r.out, text...)
	r.out = append(r.out, '\n')
}

// feeder is the io.Reader benchfmt reads: the file's lines after the
// reader's checks, one output line per line of the file.
type feeder struct{ r *Reader }

func (f feeder) Read(p []byte) (int, error) {
	r := f.r
	for len(r.out) == 0 {
		if r.eof {
			return 0, io.EOF
		}
		l, err := r.lines.next()
		if errors.Is(err, io.EOF) {
			r.eof = true
			r.finish()
			continue
		}
		if err != nil {
			r.eof = true
			r.err = &Error{File: r.name, Line: r.lines.n + 1, Err: fmt.Errorf("reading: %w", err)}
			return 0, r.err
		}
		r.physical(l)
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}
