package abrun_test

import (
	"fmt"

	"github.com/benchrig/benchrig/internal/abrun"
)

// The -test.bench regexp that reruns just two undecided rows.
func ExampleBenchRegexp() {
	rows := []abrun.RowID{
		{Pkg: "github.com/benchrig/benchrig/bench/falseshare", Name: "FalseSharing/layout=pad64/goroutines=2"},
		{Pkg: "github.com/benchrig/benchrig/bench/mmap", Name: "Mmap/size=4KiB"},
	}
	fmt.Println(abrun.BenchRegexp(rows))
	fmt.Println(abrun.Pkgs(rows))
	// Output:
	// ^BenchmarkFalseSharing$/^layout=pad64$/^goroutines=2$|^BenchmarkMmap$/^size=4KiB$
	// [github.com/benchrig/benchrig/bench/falseshare github.com/benchrig/benchrig/bench/mmap]
}
