package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
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
	tp := &trendPlot{tv: tv, x: map[string]float64{}, n: len(revs)}
	for i, r := range revs {
		tp.x[r.Rev] = float64(i)
	}
	tp.lo, tp.hi = tv.extent()
	p := plot.New()
	p.Title.Text = tv.Title
	p.Y.Label.Text = tv.Unit + " (median, bars: 95% CI)"
	p.X.Label.Text = "commit (oldest first)"
	p.X.Tick.Marker = revTicks(revs)
	p.Legend.Top, p.Legend.Left, p.Legend.XOffs = true, true, vg.Points(10)
	p.Add(tp)
	for i, t := range tv.Trends {
		p.Legend.Add(t.Machine, thumb{line: tp.line(i), glyph: true})
		for _, ch := range t.Changes {
			if ch.Index >= 0 && ch.Index < len(t.Points) {
				p.Legend.Add(fmt.Sprintf("%s: change at %s, %+.1f%%", t.Machine, t.Points[ch.Index].Rev, ch.Pct), thumb{line: tp.dashed(i)})
			}
		}
	}
	return inlineSVG(p, vg.Points(340), "trend "+tv.Title)
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
