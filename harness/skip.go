package harness

import (
	"fmt"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// skipPrefix starts the stderr note [Skipf] writes, after logPrefix:
// "# benchrig: skip <name>: <reason>".
const skipPrefix = resultfile.SkipPrefix

// Skipf skips tb with the reason format and args give, as tb.Skipf does,
// after writing it to stderr as one note, "# benchrig: skip <tb.Name()>:
// <reason>", so that a plain go test -bench run (without -v, which alone
// shows testing's own skip messages) says which benchmarks did not run and
// why. Like [Note], under [Main] the note waits for a result line that is
// open to end. Every skip in the harness and the bench packages goes through
// it.
func Skipf(tb testing.TB, format string, args ...any) {
	tb.Helper()
	reason := fmt.Sprintf(format, args...)
	writeNote(fmt.Sprintf(logPrefix+skipPrefix+"%s: %s\n", tb.Name(), oneLine(reason)))
	tb.Skip(reason)
}

// oneLine joins the lines of s with "; " so a note stays one line.
func oneLine(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "; ")
}
