package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/report"
)

// estimator says how long a run of pkgs at count should take, from the
// package times ("ok  PKG 12.3s" lines, which benchrig run writes) of the
// newest earlier run in dir of this machine (its machine: label) with the
// same -short setting that ran every package, else of the shipped
// reference.
func estimator(dir string, count int, short bool) func(pkgs []string) string {
	machine := harness.Machine()
	return func(pkgs []string) string {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		slices.SortFunc(files, func(a, b string) int { return modTime(b).Compare(modTime(a)) })
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil || strings.HasPrefix(filepath.Base(f), "ab-") {
				continue
			}
			if !bytes.Contains(data, []byte("machine: "+machine+"\n")) {
				continue
			}
			if per, ok := perIteration(data, pkgs, short); ok {
				return expectLine(per, count, "your run "+filepath.Base(f))
			}
		}
		if per, ok := perIteration(report.Shipped().Data, pkgs, short); ok {
			return expectLine(per, count, "the shipped reference VM")
		}
		return "no earlier run of these packages to estimate the duration from; the ETA follows the first iteration"
	}
}

func expectLine(per time.Duration, count int, from string) string {
	return fmt.Sprintf("expected about %s for -count %d (%s per iteration on %s; -count 6 would take about %s)",
		dur(per*time.Duration(count)), count, dur(per), from, dur(per*6))
}

func modTime(f string) time.Time {
	fi, err := os.Stat(f)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

// perIteration sums, over pkgs, the median of a file's times for each;
// ok is false when the file misses a package or has the other -short
// setting.
func perIteration(data []byte, pkgs []string, short bool) (time.Duration, bool) {
	want := "off"
	if short {
		want = "on"
	}
	times := map[string][]float64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "short: "); ok && v != want {
			return 0, false
		}
		f := strings.Split(line, "\t")
		if len(f) == 3 && strings.TrimSpace(f[0]) == "ok" {
			if s, err := strconv.ParseFloat(strings.TrimSuffix(f[2], "s"), 64); err == nil {
				times[f[1]] = append(times[f[1]], s)
			}
		}
	}
	var sum float64
	for _, p := range pkgs {
		ts := times[p]
		if len(ts) == 0 {
			return 0, false
		}
		slices.Sort(ts)
		sum += ts[len(ts)/2]
	}
	return time.Duration(sum * float64(time.Second)), true
}

// dur formats d as 1m05s.
func dur(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%dm%02ds", s/60, s%60)
}
