package resultfile

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/perf/benchfmt"
)

// FuzzReadFile reads arbitrary bytes: the reader must not panic, every
// record must name a line of the input, every result it yields (name and
// config) must be valid UTF-8, and an input it accepts must end in a newline and hold a
// result.
func FuzzReadFile(f *testing.F) {
	for _, s := range []string{
		"",
		head + "BenchmarkA-2 \t 1\t 2 ns/op\nPASS\n",
		head + "BenchmarkA-2 \t# benchrig: busy\n# benchrig: two\n  1\t 2 ns/op\nok  \tp\t1s\n",
		head + "BenchmarkA-2 \t\ninterrupted: sigint\n",
		head + "BenchmarkA-2 \t 1\t 86806 ns/o",
		"Unit x/op better=lower\nBenchmarkA\xff \t 1 2 x/o\n--- SKIP: BenchmarkB\n",
	} {
		f.Add([]byte(s))
	}
	f.Add(testdata(f, "concurrent.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		r := NewReader(bytes.NewReader(data), "f.txt")
		var errs, results int
		for r.Scan() {
			file, line := r.Record().Pos()
			if file != "f.txt" || line < 1 || line > lines {
				t.Fatalf("record %T at %s:%d; the input has %d lines", r.Record(), file, line, lines)
			}
			switch rec := r.Record().(type) {
			case *Error:
				errs++
				if !strings.HasPrefix(rec.Error(), "f.txt:") {
					t.Fatalf("error without file:line: %v", rec)
				}
			case *benchfmt.Result:
				results++
				if !utf8.Valid(rec.Name) {
					t.Fatalf("result with a name that is not UTF-8: %q", rec.Name)
				}
				for _, c := range rec.Config {
					if !utf8.ValidString(c.Key) || !utf8.Valid(c.Value) {
						t.Fatalf("config that is not UTF-8: %q: %q", c.Key, c.Value)
					}
				}
			}
		}
		if r.Err() != nil {
			t.Fatalf("reading from memory failed: %v", r.Err())
		}
		if errs == 0 && (results == 0 || !bytes.HasSuffix(data, []byte("\n"))) {
			t.Fatalf("accepted %d results in %q", results, data)
		}
	})
}
