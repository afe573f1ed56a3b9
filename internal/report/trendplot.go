package report

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// trendPlot draws a trend view's machines on commits 0..n-1 (x by
// revision) and values lo..hi, with room above for the legend. It uses
// only plot and draw, like barPlot (gonum's plotter package would add
// gonum's numerics module to the module graph of every user of benchrig).
type trendPlot struct {
	tv     *TrendView
	x      map[string]float64
	n      int
	lo, hi float64
}

func (tp *trendPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(tp.n) - 0.5, tp.lo - (tp.hi-tp.lo)*0.05, tp.hi + (tp.hi-tp.lo)*0.4
}

// line is machine i's line style; dashed its change points'.
func (tp *trendPlot) line(i int) draw.LineStyle {
	return draw.LineStyle{Color: palette[i%len(palette)], Width: vg.Points(1)}
}

func (tp *trendPlot) dashed(i int) draw.LineStyle {
	l := tp.line(i)
	l.Width, l.Dashes = vg.Points(1.5), []vg.Length{vg.Points(5), vg.Points(3)}
	return l
}

func (tp *trendPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, t := range tp.tv.Trends {
		line := tp.line(i)
		glyph := draw.GlyphStyle{Color: line.Color, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		for _, ch := range t.Changes {
			if ch.Index >= 0 && ch.Index < len(t.Points) {
				x := trX(tp.x[t.Points[ch.Index].Rev])
				c.StrokeLine2(tp.dashed(i), x, trY(tp.lo), x, trY(tp.hi+(tp.hi-tp.lo)*0.1))
			}
		}
		pts := make([]vg.Point, len(t.Points))
		for k, pt := range t.Points {
			pts[k] = vg.Point{X: trX(tp.x[pt.Rev]), Y: trY(pt.Median)}
			if finite(pt.Lo) && finite(pt.Hi) {
				lo, hi, w := trY(pt.Lo), trY(pt.Hi), vg.Points(2)
				c.StrokeLine2(line, pts[k].X, lo, pts[k].X, hi)
				c.StrokeLine2(line, pts[k].X-w, lo, pts[k].X+w, lo)
				c.StrokeLine2(line, pts[k].X-w, hi, pts[k].X+w, hi)
			}
		}
		c.StrokeLines(line, pts)
		for _, pt := range pts {
			c.DrawGlyph(glyph, pt)
		}
	}
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// thumb is a legend entry: a line, with a point on it for a machine.
type thumb struct {
	line  draw.LineStyle
	glyph bool
}

func (th thumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(th.line, c.Min.X, y, c.Max.X, y)
	if th.glyph {
		c.DrawGlyph(draw.GlyphStyle{Color: th.line.Color, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y})
	}
}
