package resultfile_test

import (
	"fmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

func ExampleBetter() {
	for _, u := range []string{"ns/op", "io/s", "p99-ns"} {
		fmt.Printf("Unit %s better=%s\n", u, resultfile.Better(u))
	}
	// Output:
	// Unit ns/op better=lower
	// Unit io/s better=higher
	// Unit p99-ns better=lower
}
