package modres

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// Cache states; see doc.go.
const (
	cacheWarm  = "warm"
	cacheCold  = "cold"
	cacheClean = "clean"
)

var (
	modes = []string{modeMod, modeVendor}
	// caches is in run order: clean leaves a full GOCACHE behind, so the
	// untimed priming op of warm (and of cold after it) is a cache hit
	// instead of a second full compile of the tree. The order changes no
	// number, only the run time.
	caches = []string{cacheClean, cacheWarm, cacheCold}
)

// BenchmarkResolve measures one resolution of the main module's package
// graph by each tool, in each -mod mode, per tree size and cache state. See
// doc.go for what each op is and how to read the metrics.
func BenchmarkResolve(b *testing.B) {
	goPath := requireGo(b)
	counts, err := parseModules(os.Getenv(modulesEnv), testing.Short())
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range tools {
		for _, mode := range modes {
			for _, n := range counts {
				for _, cache := range caches {
					b.Run(benchName(t.Name, mode, n, cache), func(b *testing.B) {
						s := sharedSetup(b, goPath, n)
						benchResolve(b, goPath, s, t, mode, cache)
					})
				}
			}
		}
	}
}

// benchName is the sub-benchmark name below BenchmarkResolve.
func benchName(tool, mode string, modules int, cache string) string {
	return fmt.Sprintf("tool=%s/mode=%s/modules=%d/cache=%s", tool, mode, modules, cache)
}

// trees holds the trees generated in this run, by module count: each is
// generated once and reused by every sub-benchmark.
var trees struct {
	sync.Mutex
	byModules map[int]*treeOnce
}

type treeOnce struct {
	s   *setup
	err error
}

// sharedSetup returns the tree for n modules, generating it (untimed) on
// first use in the shared scratch dir "modres-<n>".
func sharedSetup(b *testing.B, goPath string, n int) *setup {
	b.Helper()
	trees.Lock()
	defer trees.Unlock()
	if t, ok := trees.byModules[n]; ok {
		if t.err != nil {
			b.Fatalf("tree for modules=%d: %v", n, t.err)
		}
		return t.s
	}
	spec := specFor(n)
	dir := harness.Shared(b, fmt.Sprintf("modres-%d", n), needBytes(spec))
	s, err := prepare(goPath, dir, spec)
	if trees.byModules == nil {
		trees.byModules = make(map[int]*treeOnce)
	}
	trees.byModules[n] = &treeOnce{s, err}
	if err != nil {
		b.Fatalf("tree for modules=%d: %v", n, err)
	}
	return s
}

// benchResolve runs the timed loop for one tool, mode and cache state.
func benchResolve(b *testing.B, goPath string, s *setup, t tool, mode, cache string) {
	// What cold evicts and warm proves resident: every tree the go command
	// may read, in both modes. MainDir holds vendor/.
	paths := []string{s.ModCache, s.Tree.MainDir, s.GoCache}

	wantPackages := -1
	op := func() result {
		r, err := t.Run(goPath, s, mode)
		if err != nil {
			b.Fatalf("tool=%s mode=%s: %v", t.Name, mode, err)
		}
		if r.Packages != nil {
			if wantPackages < 0 {
				wantPackages = len(r.Packages)
			} else if len(r.Packages) != wantPackages {
				b.Fatalf("tool=%s mode=%s: loaded %d packages, earlier op loaded %d; the tree changed during the run", t.Name, mode, len(r.Packages), wantPackages)
			}
		}
		return r
	}

	switch cache {
	case cacheWarm:
		op() // untimed: fills GOCACHE and the page cache
		harness.Warm(b, paths...)
	case cacheCold:
		harness.RequireDisk(b, s.Root)
		op() // untimed: fills GOCACHE, which cold keeps
	case cacheClean:
		// Only GOCACHE differs from warm: the sources are proven resident.
		harness.Warm(b, s.ModCache, s.Tree.MainDir)
	}

	// The packages tool's go commands are grandchildren hidden inside
	// packages.Load: count every waited-for child instead. The meter also
	// counts device reads.
	var meter *harness.Meter
	if t.HidesChildren {
		meter = harness.StartMeter(b, harness.Children, s.Root)
		meter.Pause()
	}

	var (
		ops      int64
		usage    harness.Usage
		devReads uint64
		devErr   error
	)
	for b.Loop() {
		b.StopTimer()
		switch cache {
		case cacheCold:
			harness.Cold(b, paths...)
		case cacheClean:
			if err := s.cleanGoCache(); err != nil {
				b.Fatal(err)
			}
		}
		var before uint64
		if meter != nil {
			meter.Resume()
		} else if devErr == nil {
			before, devErr = harness.DeviceReads(s.Root)
		}
		b.StartTimer()

		r := op()

		b.StopTimer()
		if meter != nil {
			meter.Pause()
		} else {
			usage = usage.Add(r.Usage)
			if devErr == nil {
				var after uint64
				after, devErr = harness.DeviceReads(s.Root)
				devReads += after - before
			}
		}
		ops++
		b.StartTimer()
	}

	if meter != nil {
		meter.Stop()
		meter.Report(b, ops)
		return
	}
	per := func(v int64) float64 { return float64(v) / float64(ops) }
	harness.Report(b, per(usage.ReadBytes), "read-B/op")
	harness.Report(b, per(usage.WriteBytes), "write-B/op")
	harness.Report(b, per(usage.MajFlt), "majflt/op")
	harness.Report(b, per(usage.MinFlt), "minflt/op")
	if devErr == nil {
		harness.Report(b, per(int64(devReads)), "dev-reads/op")
	} else {
		b.Logf("dev-reads/op not reported: %v", devErr)
	}
}
