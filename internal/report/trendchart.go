package report

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// revs returns the commits of every machine's trend, by commit time then
// revision: the x axis, shared by the machines.
func (tv *TrendView) revs() []TrendPoint {
	var all []TrendPoint
	for _, t := range tv.Trends {
		for _, p := range t.Points {
			if !slices.ContainsFunc(all, func(q TrendPoint) bool { return q.Rev == p.Rev }) {
				all = append(all, p)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b TrendPoint) int { return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Rev, b.Rev)) })
	return all
}

// SVG draws the trend with gonum/plot: per machine a line through the
// commits' medians with error bars where the interval is finite, and a
// dashed vertical line at the first commit of each new level, its change
// in the legend.
func (tv *TrendView) SVG() ([]byte, error) {
	revs := tv.revs()
	x := map[string]float64{}
	for i, r := range revs {
		x[r.Rev] = float64(i)
	}
	p := plot.New()
	p.Title.Text = tv.Title
	p.Y.Label.Text = tv.Unit + " (median, bars: 95% CI)"
	p.X.Label.Text = "commit (oldest first)"
	p.X.Tick.Marker = revTicks(revs)
	p.Legend.Top, p.Legend.Left, p.Legend.XOffs = true, true, vg.Points(10)
	lo, hi := tv.extent()
	for i, t := range tv.Trends {
		if err := tv.addMachine(p, i, t, x, lo, hi+(hi-lo)*0.1); err != nil {
			return nil, fmt.Errorf("trend %s: %w", tv.Title, err)
		}
	}
	p.X.Min, p.X.Max = -0.5, float64(len(revs))-0.5
	p.Y.Min, p.Y.Max = lo-(hi-lo)*0.05, hi+(hi-lo)*0.4 // room for the legend
	w, err := p.WriterTo(vg.Points(760), vg.Points(340), "svg")
	if err != nil {
		return nil, fmt.Errorf("trend %s: %w", tv.Title, err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("trend %s: %w", tv.Title, err)
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return []byte(s), nil
}

// extent is the smallest and largest value drawn: medians and finite
// interval ends.
func (tv *TrendView) extent() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, t := range tv.Trends {
		for _, pt := range t.Points {
			for _, v := range []float64{pt.Median, pt.Lo, pt.Hi} {
				if !math.IsInf(v, 0) && !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	if lo == hi {
		lo, hi = lo*0.9, hi*1.1
	}
	return lo, hi
}

// addMachine draws machine i's trend t; change points are vertical lines
// from y0 to y1.
func (tv *TrendView) addMachine(p *plot.Plot, i int, t Trend, x map[string]float64, y0, y1 float64) error {
	c := palette[i%len(palette)]
	xys := make(plotter.XYs, len(t.Points))
	var bars plotter.XYs
	var errs plotter.YErrors
	for k, pt := range t.Points {
		xys[k] = plotter.XY{X: x[pt.Rev], Y: pt.Median}
		if !math.IsInf(pt.Lo, 0) && !math.IsInf(pt.Hi, 0) && !math.IsNaN(pt.Lo) && !math.IsNaN(pt.Hi) {
			bars = append(bars, xys[k])
			errs = append(errs, struct{ Low, High float64 }{pt.Median - pt.Lo, pt.Hi - pt.Median})
		}
	}
	line, points, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	line.Color, points.Color, points.Shape = c, c, draw.CircleGlyph{}
	p.Add(line, points)
	p.Legend.Add(t.Machine, line, points)
	if len(bars) > 0 {
		eb := &plotter.YErrorBars{XYs: bars, YErrors: errs, LineStyle: plotter.DefaultLineStyle, CapWidth: vg.Points(4)}
		eb.Color = c
		p.Add(eb)
	}
	for _, ch := range t.Changes {
		if ch.Index < 0 || ch.Index >= len(t.Points) {
			continue
		}
		at := x[t.Points[ch.Index].Rev]
		mark, err := plotter.NewLine(plotter.XYs{{X: at, Y: y0}, {X: at, Y: y1}})
		if err != nil {
			return err
		}
		mark.Color, mark.Width, mark.Dashes = c, vg.Points(1.5), []vg.Length{vg.Points(5), vg.Points(3)}
		p.Add(mark)
		p.Legend.Add(fmt.Sprintf("%s: change at %s, %+.1f%%", t.Machine, t.Points[ch.Index].Rev, ch.Pct), mark)
	}
	return nil
}

// revTicks labels the commits, at most about 12 of them, always the last.
func revTicks(revs []TrendPoint) plot.ConstantTicks {
	step := max(1, (len(revs)+11)/12)
	var ticks plot.ConstantTicks
	for i, r := range revs {
		label := ""
		if i%step == 0 || i == len(revs)-1 {
			label = shortRev(r.Rev)
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	return ticks
}

// shortRev shortens a hex commit hash to 8 characters.
func shortRev(rev string) string {
	if len(rev) > 12 && strings.Trim(rev, "0123456789abcdef") == "" {
		return rev[:8]
	}
	return rev
}
