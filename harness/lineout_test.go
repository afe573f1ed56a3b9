package harness

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// notesEnv selects what BenchmarkNotesMidRun does besides watching the load:
// "loop" also writes a note inside its timed loop.
const notesEnv = "BENCHRIG_HARNESS_TEST_NOTES"

// BenchmarkNotesMidRun is TestNotesNeverSplitResultLines's child: it
// watches the load around its loop (LoadWatch.Report notes the other live
// runs it sees) and, with notesEnv=loop, writes a note in the loop, while
// testing has printed its name but not its result. It skips in ordinary
// runs.
func BenchmarkNotesMidRun(b *testing.B) {
	mode := os.Getenv(notesEnv)
	if mode == "" {
		b.Skip("only runs as the child of TestNotesNeverSplitResultLines")
	}
	w := WatchLoad(b)
	for b.Loop() {
		if mode == "loop" {
			Note("%s: a note in the loop", b.Name())
		}
	}
	w.Report(b)
}

var notesResultLine = regexp.MustCompile(`^BenchmarkNotesMidRun(-\d+)?\s+\d+\s+\d+(\.\d+)? ns/op(\s|$)`)

// TestNotesNeverSplitResultLines runs a real bench binary whose benchmark
// writes notes while it runs, with stdout and stderr on one pipe as go test
// has them, and checks that every result line is whole and every note is a
// line of its own.
func TestNotesNeverSplitResultLines(t *testing.T) {
	testutil.RequireLinux(t)
	for _, tc := range []struct {
		name, mode, want string
		args             []string
	}{
		{"other run live", "load", "other benchrig run(s) live", nil},
		{"other run live count 3", "load", "other benchrig run(s) live", []string{"-test.count=3"}},
		{"note in loop", "loop", "a note in the loop", nil},
		{"note in loop count 3", "loop", "a note in the loop", []string{"-test.count=3"}},
		{"note in loop verbose count 3", "loop", "a note in the loop", []string{"-test.count=3", "-test.v"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			_, release := holdRun(t, base) // another live run in the same BENCHRIG_DIR
			defer release()
			var out bytes.Buffer
			args := append([]string{"-test.run=^$", "-test.bench=^BenchmarkNotesMidRun$", "-test.benchtime=1x"}, tc.args...)
			cmd := childCmd(t, "main", base, args...)
			cmd.Env = append(cmd.Env, notesEnv+"="+tc.mode)
			cmd.Stdout, cmd.Stderr = &out, &out // one pipe, as go test folds them
			require.NoError(t, cmd.Run(), "%s", &out)
			count := 1
			if strings.Contains(strings.Join(tc.args, " "), "count=3") {
				count = 3
			}
			assertWholeLines(t, out.String(), tc.want, count)
		})
	}
}

// assertWholeLines checks that out has count whole result lines of
// BenchmarkNotesMidRun, at least count notes containing want, and no note
// or result that shares a line with anything else.
func assertWholeLines(t *testing.T, out, want string, count int) {
	t.Helper()
	results, notes := 0, 0
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, logPrefix); i >= 0 {
			assert.Zero(t, i, "a note in the middle of a line: %q\n%s", line, out)
			if strings.Contains(line, want) {
				notes++
			}
			continue
		}
		if strings.HasPrefix(line, "BenchmarkNotesMidRun") && line != "BenchmarkNotesMidRun" { // -v prints the bare name first
			assert.Regexp(t, notesResultLine, line, "a result line that is not whole:\n%s", out)
			results++
		}
	}
	assert.Equal(t, count, results, "result lines:\n%s", out)
	assert.GreaterOrEqual(t, notes, count, "notes containing %q:\n%s", want, out)
}

// TestLineOutHoldsNotes writes stdout pieces and notes through a spliced
// lineOut whose stdout and stderr are one writer, as go test has them.
func TestLineOutHoldsNotes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string // "n:" prefix: a note; otherwise written to the pipe
		want  string
	}{
		{"note at line start", []string{"a\n", "n:x\n"}, "a\nx\n"},
		{"note held until newline", []string{"Bench \t", "n:x\n", "1 2 ns/op\n"}, "Bench \t1 2 ns/op\nx\n"},
		{"held notes keep their order", []string{"B \t", "n:x\n", "n:y\n", "1\nC \t"}, "B \t1\nx\ny\nC \t"},
		{"unfinished line at the end", []string{"B \t", "n:x\n"}, "B \tx\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out testutil.SyncBuffer
			l := newLineOut(&out, &out)
			pw, err := l.splice()
			require.NoError(t, err)
			for _, s := range tc.steps {
				if note, ok := strings.CutPrefix(s, "n:"); ok {
					waitCopied(t, l)
					l.note(note)
					continue
				}
				_, err := io.WriteString(pw, s)
				require.NoError(t, err)
			}
			l.unsplice(drainWait)
			assert.Equal(t, tc.want, out.String())
		})
	}
}

// waitCopied waits until the copier is idle with nothing left in the pipe,
// so the next note sees the line state the writes before it left.
func waitCopied(t *testing.T, l *lineOut) {
	t.Helper()
	time.Sleep(20 * time.Millisecond) // the copier's read of what was just written
	l.mu.Lock()
	defer l.mu.Unlock()
}

// TestLineOutInterruptDrains: the interrupt path copies what was written
// before it, ends the open line, then writes the held notes; nothing
// written after it reaches stdout.
func TestLineOutInterruptDrains(t *testing.T) {
	var out, log testutil.SyncBuffer
	l := newLineOut(&out, &log)
	pw, err := l.splice()
	require.NoError(t, err)
	fmt.Fprint(pw, "BenchmarkA \t1 2 ns/op\nBenchmarkB \t")
	waitCopied(t, l)
	l.note("held\n")
	w := l.interrupt(&out, drainWait)
	fmt.Fprint(pw, "after\n")
	l.note("dropped\n")
	fmt.Fprint(w, "interrupted: sigint\n")
	assert.Equal(t, "BenchmarkA \t1 2 ns/op\nBenchmarkB \t\nheld\ninterrupted: sigint\n", out.String())
	assert.Empty(t, log.String())
}

// firstCount is the B of BenchmarkResultThenSignal's first count (testing
// makes a new B for each count).
var firstCount *testing.B

// BenchmarkResultThenSignal is TestSignalKeepsEarlierResults's child: run
// with -test.count=2, its first run prints a result; its second, whose name
// testing has printed already, writes a note, says it is ready and waits
// for the signal. It skips in ordinary runs.
func BenchmarkResultThenSignal(b *testing.B) {
	ready := os.Getenv(readyEnv)
	if ready == "" {
		b.Skip("only runs as the child of TestSignalKeepsEarlierResults")
	}
	if firstCount == nil {
		firstCount = b
	}
	if b == firstCount {
		for b.Loop() {
		}
		return
	}
	Note("%s: held for the open line", b.Name())
	if err := os.WriteFile(ready, []byte("ready"), 0o644); err != nil {
		b.Fatal(err)
	}
	select {}
}

// TestSignalKeepsEarlierResults: SIGINT while a benchmark's name is on the
// line keeps the result printed before it, ends the open line, and writes
// the note held for it before the interrupted line, all on one pipe.
func TestSignalKeepsEarlierResults(t *testing.T) {
	testutil.RequireLinux(t)
	ready := filepath.Join(t.TempDir(), "ready")
	var out testutil.SyncBuffer
	cmd := childCmd(t, "main", t.TempDir(), "-test.run=^$", "-test.bench=^BenchmarkResultThenSignal$", "-test.benchtime=1x", "-test.count=2")
	cmd.Env = append(cmd.Env, readyEnv+"="+ready)
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { _, err := os.Stat(ready); return err == nil }, 30*time.Second, 5*time.Millisecond, "the child never got to its second run: %s", &out)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	require.Error(t, cmd.Wait())
	assert.Equal(t, 130, cmd.ProcessState.ExitCode(), "%s", &out)
	assert.Regexp(t, `(?m)^BenchmarkResultThenSignal(-\d+)?\s+1\s+\d+(\.\d+)? ns/op\n`+
		`BenchmarkResultThenSignal(-\d+)?\s*\n`+
		regexp.QuoteMeta(logPrefix)+`BenchmarkResultThenSignal: held for the open line\n`+
		InterruptedKey+`: sigint\n`, out.String())
}
