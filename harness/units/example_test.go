package units_test

import (
	"fmt"

	"github.com/benchrig/benchrig/harness/units"
)

func ExampleBetter() {
	for _, u := range []string{"ns/op", "io/s", "p99-ns"} {
		fmt.Printf("Unit %s better=%s\n", u, units.Better(u))
	}
	// Output:
	// Unit ns/op better=lower
	// Unit io/s better=higher
	// Unit p99-ns better=lower
}
