package falseshare

import (
	"flag"
	"runtime"
	"strconv"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// plan is decided once, in TestMain, before any benchmark runs.
var plan pinPlan

func TestMain(m *testing.M) {
	// Parse now: the plan depends on -short and on the GOMAXPROCS values of
	// -cpu, and the tests use it too.
	flag.Parse()
	procs := []int{runtime.GOMAXPROCS(0)}
	if f := flag.Lookup("test.cpu"); f != nil {
		if l := parseCPUList(f.Value.String()); l != nil {
			procs = l
		}
	}
	plan = probePinning(osPinner, maxGoroutines(procs, testing.Short()))
	harness.Main(m, harness.Family{
		Name:  "falseshare",
		Units: []string{"adds/s"},
		Keys:  []string{"pinning", "pinned-cpus"},
		Setup: func() ([]harness.Config, error) {
			if plan.cpus == nil {
				harness.Note("falseshare runs unpinned: %s", plan.why)
			}
			pinning, pinnedCPUs := plan.config()
			return []harness.Config{{Key: "pinning", Value: pinning}, {Key: "pinned-cpus", Value: pinnedCPUs}}, nil
		},
	})
}

// BenchmarkFalseSharing measures G goroutines each doing atomic adds on its
// own counter (or, for layout=shared, on one common counter). One op is one
// add on every goroutine, all running at once: ns/op is the wall time from
// releasing the goroutines until the last one finishes, divided by b.N.
func BenchmarkFalseSharing(b *testing.B) {
	gs := goroutineCounts(runtime.GOMAXPROCS(0), testing.Short())
	for _, l := range layouts {
		b.Run("layout="+string(l), func(b *testing.B) {
			for _, g := range gs {
				b.Run("goroutines="+strconv.Itoa(g), func(b *testing.B) {
					benchAdds(b, l, g)
				})
			}
		})
	}
}

// benchAdds is one sub-benchmark. It uses b.N rather than b.Loop: the work of
// one op is spread over G goroutines that each run their own loop of b.N
// adds, and b.Loop can only drive a loop on the benchmark's goroutine.
func benchAdds(b *testing.B, l layout, g int) {
	var cpus []int
	if plan.cpus != nil {
		if g > len(plan.cpus) {
			b.Fatalf("the config says pinning: on (CPUs %v), but %d goroutines do not fit; run with -short or -cpu values up to %d", plan.cpus, g, len(plan.cpus))
		}
		cpus = plan.cpus[:g]
	}
	c, err := newCounters(l, g)
	if err != nil {
		b.Fatal(err)
	}
	if err := runAdds(b, c, b.N, cpus); err != nil {
		b.Fatalf("layout %s, %d goroutines: %v", l, g, err)
	}
	if err := c.verify(b.N); err != nil {
		b.Fatal(err)
	}
	if d := b.Elapsed(); d > 0 {
		harness.Report(b, float64(g)*float64(b.N)/d.Seconds(), "adds/s")
	}
	runtime.KeepAlive(c)
}
