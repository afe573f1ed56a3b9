package resultfile_test

import (
	"fmt"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

func ExampleReader() {
	// A note landed between a benchmark's name and its numbers.
	file := `pkg: example.com/p
BenchmarkRead-2   	# benchrig: BenchmarkRead: 1 other benchrig run(s) live
     100	   123 ns/op
PASS
`
	r := resultfile.NewReader(strings.NewReader(file), "run.txt")
	for r.Scan() {
		switch rec := r.Record().(type) {
		case *benchfmt.Result:
			_, line := rec.Pos()
			fmt.Printf("line %d: %s %v ns/op\n", line, rec.Name, rec.Values[0].OrigValue)
		case *resultfile.Note:
			fmt.Printf("line %d: note %q\n", rec.Line, rec.Text)
		case *resultfile.Error:
			fmt.Println(rec)
		}
	}
	// Output:
	// line 2: note "BenchmarkRead: 1 other benchrig run(s) live"
	// line 2: Read-2 123 ns/op
}

func ExampleCheck() {
	// A run killed in the middle of a line.
	err := resultfile.Check(strings.NewReader("pkg: example.com/p\nBenchmarkRead-2 \t 100\t 86806 ns/o"), "run.txt")
	fmt.Println(err)
	// Output:
	// run.txt:2: the run was cut short: the file ends in the middle of this line (the run was killed, or the disk filled); rerun the benchmarks
}
