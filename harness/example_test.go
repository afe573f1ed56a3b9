package harness_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/benchrig/benchrig/harness"
)

// A bench package's TestMain hands control to the harness, declaring the
// family: its name (knobs are BENCHRIG_<NAME>_<KNOB>), the units it reports
// beyond the harness's own, and the config keys it adds after the
// environment, with their values from Setup.
func ExampleMain() {
	testMain := func(m *testing.M) {
		harness.Main(m, harness.Family{
			Name:  "falseshare",
			Units: []string{"adds/s"},
			Keys:  []string{"pinning"},
			Setup: func() ([]harness.Config, error) {
				return []harness.Config{{Key: "pinning", Value: "on"}}, nil
			},
		})
	}
	_ = testMain
}

// Report checks the unit against the family's declaration before recording
// it, so no undeclared unit reaches a result file.
func ExampleReport() {
	benchmarkAdds := func(b *testing.B) {
		var n int
		for b.Loop() {
			n++
		}
		harness.Report(b, float64(n)/b.Elapsed().Seconds(), "adds/s")
	}
	_ = benchmarkAdds
}

// Dir gives each benchmark a fresh scratch directory on the disk under test
// (BENCHRIG_DIR), removed when the benchmark ends; it skips the benchmark
// when the filesystem has less free space than asked for.
func ExampleDir() {
	benchmarkWrite := func(b *testing.B) {
		dir := harness.Dir(b, 64<<20) // needs 64 MiB free
		data := make([]byte, 1<<20)
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := os.WriteFile(filepath.Join(dir, "f"), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	_ = benchmarkWrite
}

// Cold proves a file has no page in the page cache before each timed read,
// and a Meter counts what reached storage in the timed parts only. Cold
// skips the benchmark on tmpfs, where nothing can be made cold.
func ExampleCold() {
	benchmarkColdRead := func(b *testing.B) {
		dir := harness.Dir(b, 8<<20)
		file := filepath.Join(dir, "data")
		if err := os.WriteFile(file, make([]byte, 4<<20), 0o644); err != nil {
			b.Fatal(err)
		}
		runtime.LockOSThread() // the Thread scope counts this OS thread
		defer runtime.UnlockOSThread()
		m := harness.StartMeter(b, harness.Thread, dir)
		for b.Loop() {
			b.StopTimer()
			m.Pause()
			harness.Cold(b, file)
			m.Resume()
			b.StartTimer()
			if _, err := os.ReadFile(file); err != nil {
				b.Fatal(err)
			}
		}
		m.Report(b, int64(b.N)) // read-B/op, write-B/op, minflt/op, majflt/op, dev-reads/op
	}
	_ = benchmarkColdRead
}

// StartMeter with the Children scope accounts for the commands a benchmark
// runs (for a single command, ProcessUsage reads its own rusage).
func ExampleStartMeter() {
	benchmarkCommand := func(b *testing.B) {
		dir := harness.Dir(b, 0)
		m := harness.StartMeter(b, harness.Children, dir)
		for b.Loop() {
			// exec.Command(...).Run()
		}
		m.Report(b, int64(b.N))
	}
	_ = benchmarkCommand
}

// Latency records per-request durations without allocating and reports
// percentiles; in a benchmark call l.Report(b) after the loop.
func ExampleLatency() {
	var l harness.Latency
	for i := 1; i <= 1000; i++ {
		l.Record(time.Duration(i) * time.Microsecond)
	}
	fmt.Printf("n=%d p50=%.0fµs p99=%.0fµs p99.9=%.0fµs\n",
		l.Count(), l.Quantile(0.5)/1e3, l.Quantile(0.99)/1e3, l.Quantile(0.999)/1e3)
	// The exact values are 500, 990 and 999 µs: buckets are within 0.4%.

	// Output: n=1000 p50=501µs p99=989µs p99.9=997µs
}

// ParseSize reads sizes as benchmark names and BENCHRIG_* knobs write them:
// a byte count with an optional IEC suffix. SI suffixes are an error that
// says what to write instead.
func ExampleParseSize() {
	for _, s := range []string{"4096", "512B", "64MiB", "1GiB", "64MB"} {
		n, err := harness.ParseSize(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s, n)
	}
	// Output:
	// 4096 4096
	// 512B 512
	// 64MiB 67108864
	// 1GiB 1073741824
	// size "64MB": want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB
}

// FormatSize writes a size for a benchmark name with the largest IEC suffix
// that divides it exactly.
func ExampleFormatSize() {
	for _, n := range []int64{4096, 64 << 20, 1536 << 10, 1 << 30, 1000} {
		fmt.Println(harness.FormatSize(n))
	}
	// Output:
	// 4KiB
	// 64MiB
	// 1536KiB
	// 1GiB
	// 1000B
}
