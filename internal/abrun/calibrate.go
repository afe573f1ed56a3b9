package abrun

import (
	"context"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"
)

// calibLoad is the calibration load: BenchmarkCalib/load=cpu and
// /load=syscall, whose work per op scales with BENCHRIG_CALIB_SCALE.
//
//go:embed testdata/calib/calib_test.go
var calibLoad embed.FS

// DefaultEffects are the scales calibrate compares against 1.00 besides
// 1.00 itself.
var DefaultEffects = []float64{1.03, 1.05, 1.10}

// CalibConfig describes a calibration: Runs ab comparisons per effect,
// each of the load at scale 1.00 (A) against the load at the effect's
// scale (B).
type CalibConfig struct {
	Runs     int
	Effects  []float64 // scales besides 1.00 (A/A), e.g. 1.05 for +5%
	Flags    BenchFlags
	Quiet    Quiet
	Sampling Sampling
	Decider  Decider
	Results  string // directory for calibrate/scale-<s>-run-<i>.{a,b}.txt
	Stdout   io.Writer
	Stderr   io.Writer
}

// tally is one effect's outcome over its runs.
type tally struct {
	scale  float64
	failed int            // runs whose gate failed
	rows   map[string]int // runs in which each row failed
	wall   []time.Duration
}

// Calibrate builds the calibration load once and runs, for scale 1.00 and
// each effect, cfg.Runs comparisons of the load at 1.00 against the load
// at that scale, in pairs as AB runs them (same sampling, quiet wait and
// decider). It prints per effect how often the gate failed: the observed
// false-alarm rate at 1.00, the power (caught/N) at the others, per row
// too, and the median wall time of one comparison.
func Calibrate(ctx context.Context, cfg CalibConfig) (err error) {
	s, err := NewScratch("", cfg.Stderr)
	if err != nil {
		return err
	}
	defer closeScratch(ctx, s, cfg.Stderr, &err)
	bins, err := buildCalib(ctx, s, cfg.Stderr)
	if err != nil {
		return err
	}
	var tallies []*tally
	for _, scale := range append([]float64{1}, cfg.Effects...) {
		t := &tally{scale: scale, rows: map[string]int{}}
		tallies = append(tallies, t)
		for i := 1; i <= cfg.Runs; i++ {
			if err := calibRun(ctx, cfg, bins, t, i); err != nil {
				return err
			}
		}
	}
	return writeCalib(cfg, tallies)
}

// buildCalib writes the load as a module of its own in s and builds it.
func buildCalib(ctx context.Context, s *Scratch, log io.Writer) ([]Binary, error) {
	dir := s.Dir
	src, err := calibLoad.ReadFile("testdata/calib/calib_test.go")
	if err != nil {
		return nil, err
	}
	mod := filepath.Join(dir, "calib")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module benchrig.calibration\n\ngo 1.26\n"), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(mod, "calib_test.go"), src, 0o644); err != nil {
		return nil, err
	}
	return s.Build(ctx, mod, ".", "calibration", filepath.Join(dir, "bin"), log)
}

func calibRun(ctx context.Context, cfg CalibConfig, bins []Binary, t *tally, i int) error {
	sc := strconv.FormatFloat(t.scale, 'f', 2, 64)
	a := &Side{Name: "A", Rev: "scale 1.00", Bins: bins, Env: []string{"BENCHRIG_CALIB_SCALE=1.00"}}
	b := &Side{Name: "B", Rev: "scale " + sc, Bins: bins, Env: []string{"BENCHRIG_CALIB_SCALE=" + sc}}
	ab := ABConfig{Flags: cfg.Flags, Quiet: cfg.Quiet, Sampling: cfg.Sampling, Decider: cfg.Decider, Stdout: io.Discard, Stderr: cfg.Stderr}
	stem := filepath.Join(cfg.Results, "calibrate", fmt.Sprintf("scale-%s-run-%d", sc, i))
	start := time.Now()
	d, err := compareSides(ctx, ab, a, b, stem)
	if err != nil {
		return fmt.Errorf("calibrate scale %s run %d: %w", sc, i, err)
	}
	t.wall = append(t.wall, time.Since(start))
	if d.Code == 1 {
		t.failed++
	}
	for _, r := range d.Failing {
		t.rows[r.Name]++
	}
	fmt.Fprintf(cfg.Stderr, "benchrig: calibrate scale %s run %d of %d: %s\n", sc, i, cfg.Runs, d.Summary)
	return nil
}

var calibRows = []string{"Calib/load=cpu", "Calib/load=syscall"}

func writeCalib(cfg CalibConfig, tallies []*tally) error {
	pairs := fmt.Sprintf("%d pairs a run", cfg.Sampling.Count)
	if cfg.Sampling.Budget > 0 {
		pairs = fmt.Sprintf("%d pairs a run and up to %d looks within -budget %s", cfg.Sampling.Count, MaxLooks, cfg.Sampling.Budget)
	}
	fmt.Fprintf(cfg.Stdout, "calibration load at scale 1.00 against each scale, %d runs each, %s (-benchtime %s)\n\n", cfg.Runs, pairs, orDefault(cfg.Flags.Benchtime))
	w := tabwriter.NewWriter(cfg.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "effect\tgate failed\t%s\t%s\twall time a run (median)\n", calibRows[0], calibRows[1])
	for _, t := range tallies {
		what := "caught"
		if t.scale == 1 {
			what = "false alarms"
		}
		slices.Sort(t.wall)
		fmt.Fprintf(w, "%+.3g%%\t%d/%d %s\t%d/%d\t%d/%d\t%s\n", 100*(t.scale-1), t.failed, cfg.Runs, what,
			t.rows[calibRows[0]], cfg.Runs, t.rows[calibRows[1]], cfg.Runs, t.wall[len(t.wall)/2].Round(100*time.Millisecond))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(cfg.Stdout, "\nFiles: %s. Measured on this machine as busy as it was meanwhile: calibrate on the machine that will gate, as quiet as it will be then.\n", filepath.Join(cfg.Results, "calibrate"))
	return err
}

func orDefault(s string) string {
	if s == "" {
		return "default"
	}
	return s
}
