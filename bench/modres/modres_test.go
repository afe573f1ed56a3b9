package modres

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/peakrss"
)

// cfg is what the knobs selected, read once by the family's Setup.
var cfg config

func TestMain(m *testing.M) {
	f := family
	f.Setup = func() ([]harness.Config, error) {
		var err error
		if cfg, err = readConfig(os.Getenv, testing.Short()); err != nil {
			return nil, err
		}
		if harness.Claims() {
			cfg = cfg.forClaims()
		}
		version := theGo().Version
		if theGo().Err != nil {
			version = "unknown"
		}
		cfgs := append([]harness.Config{{Key: "go-command", Value: version}}, layoutConfig(theGo())...)
		return append(cfgs, cfg.Place.config()...), nil
	}
	harness.Main(m, f)
}

// requireGoCommand skips b, with the reason, when the go command cannot be
// used, and returns its path.
func requireGoCommand(b *testing.B) string {
	b.Helper()
	if g := theGo(); g.Err != nil {
		harness.Skipf(b, "skipping: %v", g.Err)
	}
	return theGo().Path
}

// BenchmarkResolve measures one resolution of the main module's package
// graph by each tool, in each -mod mode, per tree size and cache state. See
// doc.go for what each op is and how to read the metrics.
func BenchmarkResolve(b *testing.B) {
	goPath := requireGoCommand(b)
	b.Cleanup(removeTmpfsDirs)
	for _, c := range matrix(cfg) {
		if !harness.ClaimCell(c.Name()) {
			continue
		}
		b.Run(c.Name(), func(b *testing.B) {
			s := sharedSetup(b, goPath, c.Tree)
			if c.Tool.Links {
				requireLinks(b, goPath, s, c)
			}
			switch {
			case c.ModCache != "":
				s = placedSetup(b, s)
			case c.GoCache == gocacheTmpfs:
				s = tmpfsSetup(b, s)
			}
			benchResolve(b, goPath, s, c)
		})
	}
}

// requireLinks skips b when tree c.Tree has nothing to link or does not
// build (tree=own's build check, run on its first linking cell).
func requireLinks(b *testing.B, goPath string, s *setup, c benchCase) {
	b.Helper()
	if s.MainPkg == "" {
		harness.Skipf(b, "%s=%s: the module has no main package (package main), so tool=%s has nothing to link; point %s at a module with a command to measure build and rebuild",
			moduleEnv, cfg.Module, c.Tool.Name, moduleEnv)
	}
	err := s.checkBuilds(goPath)
	var bad *badModuleError
	if errors.As(err, &bad) {
		harness.Skipf(b, "%v", bad)
	} else if err != nil {
		b.Fatalf("tree=%s: %v", c.Tree, err)
	}
}

// benchResolve runs the timed loop for one case: it primes the cache state,
// then meters every op's go commands (all waited-for children: for the
// packages tool they are started inside packages.Load) with harness.Meter,
// and reports the mean peak RSS of the go command's process tree.
func benchResolve(b *testing.B, goPath string, s *setup, c benchCase) {
	op := checkedOp(b, goPath, s, c)
	if c.Tool.Restore != nil {
		b.Cleanup(func() {
			if err := c.Tool.Restore(s); err != nil {
				b.Error(err)
			}
		})
	}
	paths := c.Tool.paths(s)
	prime(b, s, paths, c.Cache, c.Tool.NoGoCache, op)
	opens, traced := countOpens(b, goPath, s, c)
	meter := harness.StartMeter(b, harness.Children, s.Root)
	meter.Pause()
	queue := watchQueue(c, s)
	var ops, rss int64
	var extra extraSums
	noRSS := ""
	for b.Loop() {
		b.StopTimer()
		edit(b, s, c.Tool)
		reset(b, s, paths, c.Cache)
		floor, floorErr := peakrss.Floor()
		meter.Resume()
		queue.Resume()
		b.StartTimer()

		r := op()

		b.StopTimer()
		queue.Pause()
		meter.Pause()
		post(b, s, c.Tool, &extra)
		ops++
		rss += r.MaxRSS
		if noRSS == "" {
			noRSS = hiddenRSS(r, floor, floorErr)
		}
		b.StartTimer()
	}
	meter.Report(b, ops)
	reportQueue(b, queue, meter)
	extra.report(b, c.Tool.Name, ops)
	if traced {
		harness.Report(b, float64(opens), "opens/op")
	}
	if noRSS != "" {
		noteOnce(c.Tool.Name, "maxrss-B/op not reported for tool="+c.Tool.Name+": "+noRSS)
		return
	}
	harness.Report(b, float64(rss)/float64(ops), "maxrss-B/op")
}

// hiddenRSS says why an op's peak RSS is not the go command's, or "" when
// it is: Linux counts this process's peak RSS (floor, from peakrss.Floor
// just before the op) as a child's own, so a number at or below it may be
// ours.
func hiddenRSS(r result, floor int64, floorErr error) string {
	switch {
	case r.NoRSS != "":
		return r.NoRSS
	case floorErr != nil:
		return floorErr.Error()
	case r.MaxRSS <= floor:
		return fmt.Sprintf("the go command's peak RSS (%d B) was not above this process's (%d B), which Linux counts as a child's own (internal/peakrss)", r.MaxRSS, floor)
	}
	return ""
}

// countOpens runs one untimed op of c under strace (edit and cache reset
// first, as for a timed op) and returns the files it opened, or false when
// the tool cannot be traced or strace cannot run here (noted once).
func countOpens(b *testing.B, goPath string, s *setup, c benchCase) (int64, bool) {
	b.Helper()
	if !c.Tool.Traced {
		noteOnce("opens-"+c.Tool.Name, "opens/op not reported for tool="+c.Tool.Name+": "+c.Tool.Untraced)
		return 0, false
	}
	if harness.Claims() && (c.Tool.Name != "build" || c.Cache != cacheWarm) {
		noteOnce("opens-claims", "opens/op: a claims run counts the files opened by the warm no-op builds only (claim C6); the other cells skip the traced pass")
		return 0, false
	}
	if c.Cache == cacheClean {
		noteOnce("opens-clean", "opens/op not reported for cache=clean: the traced pass would be one more full compile per sub-benchmark")
		return 0, false
	}
	st, err := strace()
	if err != nil {
		noteOnce("strace", "opens/op not reported: "+err.Error())
		return 0, false
	}
	dir := filepath.Join(s.Root, "strace")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatalf("opens/op: %v", err)
	}
	tr, err := newTracer(dir, st, goPath)
	if err != nil {
		b.Fatal(err)
	}
	edit(b, s, c.Tool)
	reset(b, s, c.Tool.paths(s), c.Cache)
	if _, err := c.Tool.Run(tr.Script, s, c.Mode); err != nil {
		b.Fatalf("tool=%s mode=%s under strace: %v", c.Tool.Name, c.Mode, err)
	}
	n, err := tr.opens()
	if err != nil {
		b.Fatal(err)
	}
	return n, true
}

var noted sync.Map // keys already noted by noteOnce

// noteOnce writes msg as a harness note the first time key is seen.
func noteOnce(key, msg string) {
	if _, seen := noted.LoadOrStore(key, true); !seen {
		harness.Note("%s", msg)
	}
}

// edit applies the tool's edit, if any, before one op (untimed).
func edit(b *testing.B, s *setup, t tool) {
	b.Helper()
	if t.Edit == nil {
		return
	}
	if err := t.Edit(s); err != nil {
		b.Fatal(err)
	}
}

// checkedOp returns c's op, failing b on an error or when the number of
// loaded packages changes between ops.
func checkedOp(b *testing.B, goPath string, s *setup, c benchCase) func() result {
	want := -1
	return func() result {
		r, err := c.Tool.Run(goPath, s, c.Mode)
		if err != nil {
			b.Fatalf("tool=%s mode=%s: %v", c.Tool.Name, c.Mode, err)
		}
		if r.Packages != nil {
			if want < 0 {
				want = len(r.Packages)
			} else if len(r.Packages) != want {
				b.Fatalf("tool=%s mode=%s: loaded %d packages, earlier op loaded %d; the tree changed during the run", c.Tool.Name, c.Mode, len(r.Packages), want)
			}
		}
		return r
	}
}

// prime brings the tree into cache state cache before the timed loop.
// A tool whose op does not use GOCACHE (noGoCache) has nothing for cold to
// keep, so cold runs no untimed op first.
func prime(b *testing.B, s *setup, paths []string, cache string, noGoCache bool, op func() result) {
	b.Helper()
	switch cache {
	case cacheWarm:
		op() // untimed: fills GOCACHE and the page cache
		harness.Warm(b, paths...)
	case cacheCold:
		harness.RequireDisk(b, s.Root)
		if !noGoCache {
			op() // untimed: fills GOCACHE, which cold keeps
		}
	case cacheClean:
		// Only GOCACHE differs from warm: the sources are proven resident.
		harness.Warm(b, s.ModCache, s.Tree.MainDir)
	}
}

// reset restores cache state cache before one op (untimed, not metered).
func reset(b *testing.B, s *setup, paths []string, cache string) {
	b.Helper()
	switch cache {
	case cacheCold:
		harness.Cold(b, paths...)
	case cacheClean:
		if err := s.cleanGoCache(); err != nil {
			b.Fatal(err)
		}
	}
}
