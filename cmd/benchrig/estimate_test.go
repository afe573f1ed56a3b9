package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEstimate(t *testing.T) {
	t.Setenv("BENCHRIG_MACHINE", "m1")
	const pa, pb = "example.com/m/bench/a", "example.com/m/bench/b"
	run := func(short string, secs ...string) string {
		s := "machine: m1\nshort: " + short + "\n"
		for i, sec := range secs {
			p := pa
			if i%2 == 1 {
				p = pb
			}
			s += "PASS\nok  \t" + p + "\t" + sec + "\n"
		}
		return s
	}
	for _, tc := range []struct {
		name  string
		files map[string]string // name → contents, oldest first
		short bool
		want  string
	}{
		{"median per package, summed", map[string]string{"mine.txt": run("off", "10.0s", "20.0s", "12.0s", "22.0s", "11.0s", "21.0s")}, false,
			"expected about 1m04s for -count 2 (0m32s per iteration on your run mine.txt; -count 6 would take about 3m12s)"},
		{"the other -short setting is not used", map[string]string{"mine.txt": run("on", "1.0s", "2.0s")}, false,
			"no earlier run of these packages"},
		{"a run missing a package is not used", map[string]string{"mine.txt": run("off", "10.0s")}, false,
			"no earlier run of these packages"},
		{"another machine's run is not used", map[string]string{"theirs.txt": strings.Replace(run("off", "1.0s", "2.0s"), "m1", "m2", 1)}, false,
			"no earlier run of these packages"},
		{"ab files are not runs", map[string]string{"ab-x-vs-y.a.txt": run("off", "1.0s", "2.0s")}, false,
			"no earlier run of these packages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
			}
			got := estimator(dir, 2, tc.short)([]string{pa, pb})
			assert.Contains(t, got, tc.want)
		})
	}
}

func TestEstimateTakesTheNewest(t *testing.T) {
	t.Setenv("BENCHRIG_MACHINE", "m1")
	dir := t.TempDir()
	old, recent := filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
	require.NoError(t, os.WriteFile(old, []byte("machine: m1\nok  \tp\t100.0s\n"), 0o644))
	require.NoError(t, os.WriteFile(recent, []byte("machine: m1\nok  \tp\t10.0s\n"), 0o644))
	require.NoError(t, os.Chtimes(old, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour)))
	assert.Contains(t, estimator(dir, 1, false)([]string{"p"}), "0m10s per iteration on your run new.txt")
}
