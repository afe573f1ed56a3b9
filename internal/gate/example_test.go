package gate_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/benchrig/benchrig/internal/gate"
)

func sample(vals ...string) string {
	var b strings.Builder
	b.WriteString("pkg: example.com/p\nmachine: laptop\nUnit io/s better=higher\n")
	for _, v := range vals {
		fmt.Fprintf(&b, "BenchmarkRead/bs=4KiB-8 \t 1000\t %s ns/op\n", v)
	}
	b.WriteString("PASS\n") // go test's closing line: the file is whole
	return b.String()
}

func ExampleCompare() {
	base := sample("100", "101", "99", "100", "102", "98", "100", "101", "99", "100")
	head := sample("110", "111", "109", "110", "112", "108", "110", "111", "109", "110")
	rep, err := gate.Compare(
		gate.Input{Name: "base.txt", R: strings.NewReader(base)},
		gate.Input{Name: "head.txt", R: strings.NewReader(head)},
		gate.Options{}, // alpha 0.05, threshold 5%
	)
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // input errors name file:line
		os.Exit(2)
	}
	row := rep.Rows[0]
	fmt.Printf("%s %s %+.1f%% %s\n", row.Name, row.Unit, *row.Change*100, row.Status)
	fmt.Println("exit code:", rep.ExitCode())
	// Output:
	// Read/bs=4KiB ns/op +10.0% regressed
	// exit code: 1
}

func ExampleParseThresholds() {
	t, err := gate.ParseThresholds("5%,p99-ns=20%")
	if err != nil {
		panic(err)
	}
	fmt.Println(t.For("ns/op"), t.For("p99-ns"))
	// Output: 0.05 0.2
}
