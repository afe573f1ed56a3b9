package resultfile

import (
	"bufio"
	"maps"
	"slices"
)

// InterruptedKey is the config key of the line the harness writes to stdout
// when SIGINT or SIGTERM ends a run: "interrupted: sigint" or "interrupted:
// sigterm". The line closes the block it ends (see the package doc): the
// results before it are real, the run is partial.
const InterruptedKey = "interrupted"

// NotePrefix starts every note the harness writes to stderr, e.g.
// "# benchrig: skip BenchmarkX: reason". benchfmt never reads such a line as
// config (the key would contain a space), so a note cannot change the config
// of the results after it.
const NotePrefix = "# benchrig: "

// SkipPrefix follows [NotePrefix] in the note of a skipped benchmark:
// "# benchrig: skip <name>: <reason>".
const SkipPrefix = "skip "

// MaxLine is the longest line, newline included, that benchfmt reads
// (bufio.MaxScanTokenSize). A longer line is refused at its line number.
const MaxLine = bufio.MaxScanTokenSize

// knownUnits are the units benchrig and go test write: those [Units]
// describes and go test's own. A result whose last unit is a strict prefix
// of one of them (and not itself known) was cut in the middle of the unit.
var knownUnits = append([]string{"sec/op", "B/op", "allocs/op", "B/s"}, slices.Sorted(maps.Keys(Units))...)
