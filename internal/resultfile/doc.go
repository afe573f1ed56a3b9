// Package resultfile is the one reader of benchrig's result files, the
// output of go test -bench (or of benchrig run and ab) that every
// benchrig command reads. It holds the names the harness writes
// into those files ([InterruptedKey], [NotePrefix], [SkipPrefix]) and a
// streaming [Reader] over golang.org/x/perf/benchfmt that yields
// benchfmt's results and unit metadata, with their real file:line, plus
// the harness's notes, skips and interrupted lines, and refuses, with an
// *[Error] naming file:line and the fix, every line and file it cannot
// trust. It imports nothing of benchrig's, so every tool can use it.
//
// # A result file proves it is whole
//
// A block runs from its first "pkg:", config, Unit or result line (go test
// prints a package's pkg: line after the harness's config lines) to its
// closing line: go test's "PASS", "FAIL", "ok  <pkg> <time>" or
// "FAIL\t<pkg> <time>", or an "interrupted: <signal>" line. What follows a
// closing line (the family's empty "key:" lines that unset its config,
// notes, go test's "ok" line) opens no block; a config line with a value
// does (the next package's machine: line, ab's pair: line). The reader
// refuses, as [ErrCut]:
//
//   - a block without a closing line before the next pkg: line or the
//     end of the file (a SIGKILLed run, a truncated copy);
//   - a last line without its newline: go test and the harness end every
//     line they write, so the file was cut there, whatever the line holds
//     (this also catches a unit cut short, "86806 ns/o");
//   - a result line cut in the middle but followed by more lines (a cut
//     file with something appended): an iteration count without values, a
//     value without a unit, or a last unit that is not a known unit but
//     the start of one (known: benchrig's and go test's units, and every
//     unit the file used before or described in a Unit line);
//   - a result line that stops after the benchmark's name ("BenchmarkX-2
//     \t" and nothing on the lines after it), unless an interrupted: line
//     follows, which is how the harness ends a run stopped by a signal
//     while a benchmark ran.
//
// A benchmark that failed (go test's "--- FAIL" lines, then FAIL) closes
// its block; what callers make of failures is theirs.
//
// # Spliced notes
//
// go test folds a test binary's stderr into its stdout, and testing prints
// a benchmark's name before it runs and the numbers after, so a harness
// note written meanwhile lands inside the result line:
//
//	BenchmarkFoo/x=1-2   	# benchrig: other benchrig run(s) live ...
//	       1	   123 ns/op	...
//
// The reader yields the note as a *[Note] at its line and the result,
// joined, at the line of the name; further note lines between the two are
// notes too. Lines keep their numbers: benchfmt is fed one line per line
// of the file, empty where a line was consumed.
//
// # Bad input
//
//   - A benchmark line, Unit line or config line that is not valid UTF-8
//     is refused ([ErrInvalid]) rather than escaped: the name would not
//     match the same benchmark's name in another file, and the report's
//     pages must stay valid UTF-8. Notes and skip reasons are kept with
//     each invalid byte replaced by U+FFFD.
//   - A line longer than [MaxLine] bytes (benchfmt's limit) is refused at
//     its own line number and skipped without being held in memory; the
//     reading goes on.
//   - A malformed line (benchfmt's syntax error) is refused at its line.
//   - An empty file, and a file without a single result line, are refused
//     as [ErrNotResults] at line 1.
//
// Refused lines are *Error records in file order, so a caller can collect
// several; [Reader.Err] is only an I/O error that stopped the reading.
// [Check] and [CheckFile] read a whole file and return its errors joined.
package resultfile
