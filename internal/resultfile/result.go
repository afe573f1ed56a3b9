package resultfile

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// benchmark handles a line starting with "Benchmark".
func (r *Reader) benchmark(l physLine) {
	t := l.text
	i := bytes.IndexFunc(t[len(benchPrefix):], isBlank)
	if i < 0 {
		// The whole line is a name: go test -v prints it when a
		// benchmark starts; benchfmt skips it.
		r.emit(t)
		return
	}
	end := len(benchPrefix) + i
	rest := bytes.TrimLeft(t[end:], " \t")
	switch {
	case len(rest) == 0:
		r.spliced(l, end, nil)
	case bytes.HasPrefix(rest, notePrefix):
		r.spliced(l, end, rest[len(notePrefix):])
	default:
		r.result(l.n, t)
	}
}

func isBlank(c rune) bool { return c == ' ' || c == '\t' }

// spliced handles a result line that stops after the name (at end),
// possibly followed by a harness note (note): the test binary's stderr,
// folded into stdout by go test, landed between the name and the numbers.
// The numbers follow on a later line, after any further notes; the
// joined line keeps the name's line number. Without the numbers the line
// was cut short, unless an interrupted: line follows (the harness starts
// that line on a new line after a waiting name).
func (r *Reader) spliced(l physLine, end int, note []byte) {
	if note != nil {
		r.note(l.n, note)
	}
	name := l.text[:end]
	skipped := 0
	for {
		nl, err := r.lines.next()
		if err != nil {
			break // io.EOF or an I/O error: the next read reports it
		}
		r.check.lastLine = nl.n
		switch {
		case nl.eol && bytes.HasPrefix(nl.text, notePrefix):
			r.note(nl.n, nl.text[len(notePrefix):])
			skipped++
			continue
		case nl.eol && len(bytes.TrimSpace(nl.text)) == 0:
			skipped++
			continue
		case nl.eol && isContinuation(nl.text):
			r.result(l.n, append(append(bytes.Clone(name), '\t'), bytes.TrimLeft(nl.text, " \t")...))
			r.emitBlank(skipped + 1)
			return
		}
		r.lines.unread(nl)
		r.check.lastLine = nl.n - 1
		if _, ok := closing(nl.text); ok && nl.eol && bytes.HasPrefix(nl.text, []byte(InterruptedKey+":")) {
			r.check.touch(l.n)
			r.emitBlank(skipped + 1)
			return
		}
		break
	}
	r.check.touch(l.n)
	r.refuse(l.n, ErrCut, "%s has a name but no result (the run was killed, or the benchmark failed or was stopped); rerun it", cleanText(bytes.TrimSpace(name)))
	r.emitBlank(skipped + 1)
}

func (r *Reader) emitBlank(n int) {
	for range n {
		r.emit(nil)
	}
}

// isContinuation reports whether t is the rest of a result line: an
// indented iteration count and at least one more field.
func isContinuation(t []byte) bool {
	if len(t) == 0 || !isBlank(rune(t[0])) {
		return false
	}
	f := bytes.Fields(t)
	if len(f) < 2 {
		return false
	}
	_, err := strconv.Atoi(string(f[0]))
	return err == nil
}

// result checks a whole result line (joined, when it was spliced) at line
// n and hands it to benchfmt.
func (r *Reader) result(n int, t []byte) {
	c := &r.check
	c.touch(n)
	c.body = true
	c.results++
	if !utf8.Valid(t) {
		r.refuse(n, ErrInvalid, "benchmark line is not valid UTF-8; benchmark names must be UTF-8 (as the report's pages are): fix the name in the benchmark, or the line in the file")
		r.emit(nil)
		return
	}
	if why := r.cutResult(t); why != "" {
		r.refuse(n, ErrCut, "%s; rerun the benchmarks", why)
		r.emit(nil)
		return
	}
	r.emit(t)
}

// touch notes content at line n that the current block's closing line
// must follow; it opens a block when none is open.
func (c *checker) touch(n int) {
	if !c.open {
		c.open, c.start = true, n
	}
}

// cutResult says why result line t looks cut short, or "": a count
// without values, a value without its unit, or a last unit that is the
// start of a known unit (86806 ns/o).
func (r *Reader) cutResult(t []byte) string {
	f := strings.Fields(string(t))[1:]
	if len(f) == 0 {
		return ""
	}
	if _, err := strconv.Atoi(f[0]); err != nil {
		return "" // benchfmt says what is wrong
	}
	vals := f[1:]
	switch {
	case len(vals) == 0:
		return "the result has an iteration count but no values"
	case len(vals)%2 == 1:
		return "value " + vals[len(vals)-1] + " has no unit"
	}
	for i := 1; i < len(vals)-1; i += 2 {
		r.check.known[vals[i]] = true
	}
	last := vals[len(vals)-1]
	if r.check.known[last] {
		return ""
	}
	var of []string
	for u := range r.check.known {
		if len(u) > len(last) && strings.HasPrefix(u, last) {
			of = append(of, strconv.Quote(u))
		}
	}
	if len(of) == 0 {
		return ""
	}
	slices.Sort(of)
	return "unit " + strconv.Quote(last) + " is the start of " + strings.Join(of, " or ")
}
