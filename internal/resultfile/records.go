package resultfile

import (
	"errors"
	"fmt"
)

// A Record is one item [Reader.Scan] yields: a *benchfmt.Result or a
// *benchfmt.UnitMetadata (as benchfmt reads them, with their real line),
// or a *Note, *Skip, *Interrupted or *Error.
type Record interface {
	Pos() (file string, line int)
}

// Note is a harness note, a line "# benchrig: <Text>" (or such a note
// spliced into a result line, see the package doc).
type Note struct {
	File string
	Line int
	Text string
}

// Skip is a skipped benchmark: the harness note "# benchrig: skip <Name>:
// <Reason>", or go test's "--- SKIP: <Name>" with its reason on the next
// line.
type Skip struct {
	File         string
	Line         int
	Name, Reason string
}

// Interrupted is an "interrupted: <Signal>" config line: the run was
// stopped by a signal and its results are partial.
type Interrupted struct {
	File   string
	Line   int
	Signal string
}

// Error is a line the reader refuses, or (from [Reader.Err]) the reason it
// stopped. Err wraps [ErrCut], [ErrInvalid] or [ErrNotResults] (or an I/O
// error) and says what to do.
type Error struct {
	File string
	Line int
	Err  error
}

// Errors a *[Error] wraps.
var (
	// ErrCut: the file or a block of it was cut short (a killed run, a
	// full disk, a partial copy). Rerun the benchmarks.
	ErrCut = errors.New("the run was cut short")
	// ErrInvalid: a line benchfmt cannot read (malformed, not UTF-8,
	// too long).
	ErrInvalid = errors.New("malformed line")
	// ErrNotResults: an empty file, or one without benchmark results.
	ErrNotResults = errors.New("not benchmark results")
)

func (n *Note) Pos() (string, int)        { return n.File, n.Line }
func (s *Skip) Pos() (string, int)        { return s.File, s.Line }
func (i *Interrupted) Pos() (string, int) { return i.File, i.Line }
func (e *Error) Pos() (string, int)       { return e.File, e.Line }

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *Error) Unwrap() error { return e.Err }
