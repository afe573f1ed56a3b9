package falseshare

import (
	"runtime"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

func TestMain(m *testing.M) {
	harness.Main(m, harness.Family{
		Name:  name,
		Units: []string{"adds/s"},
		Keys:  []string{"pinning", "pinned-cpus"},
		Setup: setup,
	})
}

// BenchmarkFalseSharing measures G goroutines each doing atomic adds on its
// own counter (or, for layout=shared, on one common counter). One op is one
// add on every goroutine, all running at once: ns/op is the wall time from
// releasing the goroutines until the last one finishes, divided by b.N.
func BenchmarkFalseSharing(b *testing.B) {
	for _, c := range matrix(runtime.GOMAXPROCS(0), testing.Short()) {
		if harness.ClaimCell(c.name()) {
			b.Run(c.name(), func(b *testing.B) { benchAdds(b, c.layout, c.g) })
		}
	}
}

// benchAdds is one sub-benchmark. It uses b.N rather than b.Loop: the work of
// one op is spread over G goroutines that each run their own loop of b.N
// adds, and b.Loop can only drive a loop on the benchmark's goroutine.
func benchAdds(b *testing.B, l layout, g int) {
	var cpus []int
	if plan := runPlan(); plan.cpus != nil {
		if g > len(plan.cpus) {
			b.Fatalf("the config says pinning: on (CPUs %v), but %d goroutines do not fit; run with -short or -cpu values up to %d", plan.cpus, g, len(plan.cpus))
		}
		cpus = plan.cpus[:g]
	}
	c, err := newCounters(l, g)
	if err != nil {
		b.Fatal(err)
	}
	load := harness.WatchLoad(b)
	if err := runAdds(b, c, b.N, cpus); err != nil {
		b.Fatalf("layout %s, %d goroutines: %v", l, g, err)
	}
	load.Report(b)
	if err := c.verify(b.N); err != nil {
		b.Fatal(err)
	}
	if d := b.Elapsed(); d > 0 {
		harness.Report(b, float64(g)*float64(b.N)/d.Seconds(), "adds/s")
	}
	runtime.KeepAlive(c)
}
