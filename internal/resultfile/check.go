package resultfile

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checker is the reader's whole-file state.
type checker struct {
	open     bool   // a block is open: it needs a closing line
	body     bool   // the open block has a pkg: line or a result
	start    int    // its first line
	pkg      string // its pkg, "" before any pkg: line
	results  int    // Benchmark lines with more than a name, read or refused
	cutEnd   bool   // the last line had no newline
	lastLine int
	skip     *Skip // a "--- SKIP:" waiting for its reason line
	known    map[string]bool
}

func (c *checker) init() {
	c.known = make(map[string]bool, len(knownUnits))
	for _, u := range knownUnits {
		c.known[u] = true
	}
}

var (
	benchPrefix = []byte("Benchmark")
	notePrefix  = []byte(NotePrefix)
	skipLine    = []byte("--- SKIP: ")
)

// physical checks one line of the file and hands it (or an empty line) to
// benchfmt.
func (r *Reader) physical(l physLine) {
	c := &r.check
	c.lastLine = l.n
	if s := c.skip; s != nil {
		s.Reason = cleanText(bytes.TrimSpace(l.text))
		r.add(s)
		c.skip = nil
	}
	switch {
	case l.long:
		if bytes.HasPrefix(l.text, benchPrefix) {
			c.results++
		}
		r.refuse(l.n, ErrInvalid, "line longer than %d bytes, the most benchfmt reads; is this go test -bench output? Delete the line or regenerate the file", MaxLine-1)
		r.emit(nil)
	case !l.eol:
		c.cutEnd = true
		if bytes.HasPrefix(l.text, benchPrefix) {
			c.results++
		}
		r.refuse(l.n, ErrCut, "the file ends in the middle of this line (the run was killed, or the disk filled); rerun the benchmarks")
		r.emit(nil)
	case bytes.HasPrefix(l.text, benchPrefix):
		r.benchmark(l)
	default:
		r.other(l)
	}
}

// other handles a line that is not a result.
func (r *Reader) other(l physLine) {
	c, t := &r.check, l.text
	switch {
	case bytes.HasPrefix(t, notePrefix):
		r.note(l.n, t[len(notePrefix):])
		r.emit(nil)
		return
	case bytes.HasPrefix(t, skipLine):
		name, _, _ := strings.Cut(cleanText(t[len(skipLine):]), " ")
		c.skip = &Skip{File: r.name, Line: l.n, Name: name}
	case !utf8.Valid(t) && readAsData(t):
		r.refuse(l.n, ErrInvalid, "not valid UTF-8; config and Unit lines must be UTF-8 (as the report's pages are): fix the line or regenerate the file")
		r.emit(nil)
		return
	case bytes.HasPrefix(t, []byte("pkg:")):
		if c.open && c.body {
			r.unclosed(l.n - 1)
		}
		c.touch(l.n)
		c.body, c.pkg = true, strings.TrimSpace(cleanText(t[len("pkg:"):]))
	default:
		if sig, ok := closing(t); ok {
			c.open, c.body, c.pkg = false, false, ""
			if sig != "" {
				r.add(&Interrupted{File: r.name, Line: l.n, Signal: cleanText([]byte(sig))})
			}
		} else if u, ok := unitLine(t); ok {
			c.known[u] = true
			c.touch(l.n)
		} else if readAsData(t) && !emptyValue(t) {
			c.touch(l.n) // a new package's config, before its pkg: line
		}
	}
	r.emit(t)
}

// note yields a harness note, or the skip it describes.
func (r *Reader) note(n int, text []byte) {
	s := cleanText(text)
	if rest, ok := strings.CutPrefix(s, SkipPrefix); ok {
		name, reason, _ := strings.Cut(rest, ": ")
		r.add(&Skip{File: r.name, Line: n, Name: name, Reason: reason})
		return
	}
	r.add(&Note{File: r.name, Line: n, Text: s})
}

// closing reports whether t closes a block: go test's PASS, FAIL, "ok  pkg
// time" and "FAIL\tpkg time" lines, or an interrupted: line (whose signal
// it returns).
func closing(t []byte) (sig string, ok bool) {
	s := strings.TrimRight(string(t), " \t")
	switch {
	case s == "PASS" || s == "FAIL":
		return "", true
	case strings.HasPrefix(s, "ok ") || strings.HasPrefix(s, "ok\t") || strings.HasPrefix(s, "FAIL\t"):
		return "", true
	}
	if v, ok := strings.CutPrefix(s, InterruptedKey+":"); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v), true
	}
	return "", false
}

// unclosed refuses the open block, which ends at line end.
func (r *Reader) unclosed(end int) {
	c := &r.check
	what := "the results"
	if c.pkg != "" {
		what = "the results of pkg " + c.pkg
	}
	r.refuse(end, ErrCut, "%s (from line %d) end here without a closing line (PASS, ok, FAIL or interrupted:), so the run was killed or its file truncated; rerun the benchmarks", what, c.start)
	c.open, c.body, c.pkg = false, false, ""
}

// finish runs the end-of-file checks.
func (r *Reader) finish() {
	c := &r.check
	if c.skip != nil {
		r.add(c.skip)
		c.skip = nil
	}
	switch {
	case c.lastLine == 0:
		r.refuse(1, ErrNotResults, "empty file; write the output of go test -run '^$' -bench . ./bench/... into it")
	case c.open && !c.cutEnd:
		r.unclosed(c.lastLine)
	}
	if c.lastLine > 0 && c.results == 0 {
		r.refuse(1, ErrNotResults, "no benchmark result lines in %d lines: not go test -bench output, or every benchmark skipped; pass a file written by go test -run '^$' -bench . ./bench/... > FILE", c.lastLine)
	}
}

// readAsData reports whether benchfmt reads t as data: a Unit line or a
// "key: value" config line.
func readAsData(t []byte) bool {
	if bytes.HasPrefix(t, []byte("Unit ")) {
		return true
	}
	key, _, ok := bytes.Cut(t, []byte(":"))
	if !ok || len(key) == 0 {
		return false
	}
	first, _ := utf8.DecodeRune(key)
	return unicode.IsLower(first) && !bytes.ContainsFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsUpper(r) })
}

// emptyValue reports whether config line t unsets its key ("key:").
func emptyValue(t []byte) bool {
	_, v, _ := bytes.Cut(t, []byte(":"))
	return len(bytes.TrimSpace(v)) == 0
}

// unitLine returns the unit of a "Unit <unit> key=value..." line.
func unitLine(t []byte) (string, bool) {
	f := strings.Fields(string(t))
	if len(f) < 3 || f[0] != "Unit" {
		return "", false
	}
	return f[1], true
}

// cleanText is text as a string, each invalid UTF-8 byte replaced by U+FFFD.
func cleanText(b []byte) string { return strings.ToValidUTF8(string(b), "\uFFFD") }
