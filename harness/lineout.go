package harness

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// drainWait bounds how long the end of a run waits for the benchmark output
// already in the pipe to reach stdout: the pipe's write end is closed by
// then, so only a child process that inherited it can keep it open.
const drainWait = time.Second

// lineOut keeps harness notes off the middle of a stdout line. go test folds
// a test binary's stderr into its stdout, and testing prints a benchmark's
// name before running it and its result after, so a note written to stderr
// while a benchmark runs would split the result line. With [lineOut.splice],
// the output testing writes (os.Stdout) goes through a pipe that lineOut
// copies to the real stdout, so it knows whether the last line there is
// complete: a note is written to stderr at once when it is, and held until
// the line's newline otherwise. Stdout and notes are written under one
// mutex, so their order on a shared pipe is the order they were produced in.
type lineOut struct {
	mu      sync.Mutex
	out     io.Writer // the real stdout
	log     io.Writer // the real stderr, where notes go
	known   bool      // out's line state is known: everything reaches out through the pipe
	atStart bool      // out's last line is complete (or nothing was written)
	held    []byte    // notes waiting for out's line to end
	quiet   bool      // the run is ending on a signal: new notes are dropped
	cut     bool      // the pipe was drained for the last time: later copies are dropped
	pw      *os.File  // the pipe's write end, nil until splice
	done    chan struct{}
}

// notes is the lineOut of the running Main; nil outside Main, where notes go
// straight to os.Stderr.
var notes atomic.Pointer[lineOut]

func newLineOut(stdout, stderr io.Writer) *lineOut {
	return &lineOut{out: stdout, log: stderr, atStart: true}
}

// writeNote writes one note line (logPrefix included) through Main's
// lineOut, or to os.Stderr when Main is not running.
func writeNote(line string) {
	if l := notes.Load(); l != nil {
		l.note(line)
		return
	}
	io.WriteString(os.Stderr, line)
}

// note writes line to stderr now when stdout's line is complete, else holds
// it until it is.
func (l *lineOut) note(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.quiet:
	case l.atStart:
		io.WriteString(l.log, line)
	default:
		l.held = append(l.held, line...)
	}
}

// splice creates the pipe whose write end replaces os.Stdout for testing
// and starts copying it to the real stdout. The caller installs the
// returned file and calls unsplice when the output ends.
func (l *lineOut) splice() (*os.File, error) {
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("pipe for the benchmark output: %w; raise the open-file limit (ulimit -n)", err)
	}
	l.mu.Lock()
	l.pw, l.known, l.done = pw, true, make(chan struct{})
	l.mu.Unlock()
	go l.copy(pr)
	return pw, nil
}

// copy copies the pipe to the real stdout until every write end is closed.
func (l *lineOut) copy(pr *os.File) {
	defer close(l.done)
	defer pr.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := pr.Read(buf)
		l.write(buf[:n])
		if err != nil {
			return
		}
	}
}

// write copies p to the real stdout, writing the held notes right after
// the last newline in p.
func (l *lineOut) write(p []byte) {
	if len(p) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cut {
		return
	}
	i := bytes.LastIndexByte(p, '\n')
	if i < 0 {
		l.out.Write(p)
		l.atStart = false
		return
	}
	l.out.Write(p[:i+1])
	l.atStart = true
	l.flushHeld()
	if rest := p[i+1:]; len(rest) > 0 {
		l.out.Write(rest)
		l.atStart = false
	}
}

// flushHeld writes the held notes; l.mu is held.
func (l *lineOut) flushHeld() {
	if len(l.held) > 0 {
		l.log.Write(l.held)
		l.held = nil
	}
}

// finish closes the pipe's write end and waits, at most wait, for what is
// in the pipe to reach stdout; nothing is copied after it returns. It
// reports whether the copy was complete.
func (l *lineOut) finish(wait time.Duration) bool {
	l.mu.Lock()
	pw, done := l.pw, l.done
	l.mu.Unlock()
	complete := true
	if pw != nil {
		pw.Close() // writers still holding it get os.ErrClosed
		select {
		case <-done:
		case <-time.After(wait):
			complete = false
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cut = true
	return complete
}

// unsplice ends the output of a run that ends normally: it drains the pipe
// into stdout, then writes the notes still held (a last line without a
// newline cannot hold them for good).
func (l *lineOut) unsplice(wait time.Duration) {
	complete := l.finish(wait)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushHeld()
	if !complete {
		fmt.Fprintf(l.log, logPrefix+"benchmark output still open after %v (a child process inherited it?); the rest of it is not printed\n", wait)
	}
}

// interrupt ends the output for a signal's handler, which has diverted
// stderr to log: notes from now on are dropped, the output written before
// the signal is drained into stdout (bounded by wait), and stdout is then
// diverted as well, so only the returned writer reaches it. The returned
// writer is at the start of a line; the notes held for the line that was
// open (the running benchmark's) are written to log after it ends.
func (l *lineOut) interrupt(log io.Writer, wait time.Duration) io.Writer {
	l.mu.Lock()
	l.quiet, l.log = true, log
	l.mu.Unlock()
	l.finish(wait)
	l.mu.Lock()
	defer l.mu.Unlock()
	out := divert(l.out)
	if !l.known || !l.atStart {
		// A benchmark's name may be on the line already, waiting for its result.
		io.WriteString(out, "\n")
	}
	l.flushHeld()
	return out
}
