package resultfile

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// physLine is one line of the file as written.
type physLine struct {
	text []byte // without the newline and a trailing \r; of a long line, its first bytes
	n    int    // its line number, from 1
	eol  bool   // it ended with a newline
	long bool   // it was longer than MaxLine (text is empty)
}

// lineReader reads physical lines, each at most MaxLine bytes; a longer
// line is skipped (marked long), never held in memory. One line can be
// pushed back.
type lineReader struct {
	br   *bufio.Reader
	n    int
	back *physLine
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, MaxLine)}
}

// next returns the next line, or io.EOF (again and again) at the end.
func (lr *lineReader) next() (physLine, error) {
	if b := lr.back; b != nil {
		lr.back = nil
		return *b, nil
	}
	s, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		lr.n++
		return lr.skipLong(bytes.Clone(s[:64]))
	}
	if err != nil && (err != io.EOF || len(s) == 0) {
		return physLine{}, err
	}
	lr.n++
	l := physLine{n: lr.n, eol: err == nil}
	s = bytes.TrimSuffix(s, []byte("\n"))
	l.text = bytes.Clone(bytes.TrimSuffix(s, []byte("\r")))
	return l, nil
}

// skipLong discards the rest of an over-long line.
func (lr *lineReader) skipLong(start []byte) (physLine, error) {
	l := physLine{text: start, n: lr.n, long: true}
	for {
		_, err := lr.br.ReadSlice('\n')
		switch {
		case err == nil:
			l.eol = true
			return l, nil
		case err == io.EOF:
			return l, nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return physLine{}, err
		}
	}
}

func (lr *lineReader) unread(l physLine) { lr.back = &l }
