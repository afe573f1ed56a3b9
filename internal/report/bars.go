package report

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barPlot draws a chart's bars from the axis minimum (so it works on a log
// axis, where gonum's BarChart, drawn from zero, cannot), the whiskers of
// finite intervals, and a text label where a row is missing. Each
// category's name is written left-aligned above its bars, inside the plot,
// so a browser font wider than the one gonum measured with cannot push it
// into the bars.
type barPlot struct {
	ch       *Chart
	min, max float64
}

// slot returns the y of slot j in category i and the slot height in data
// units: slot 0 holds the category's name, slot j+1 machine j's bar; the
// first category and the first machine are on top.
func (b *barPlot) slot(i, j int) (y, h float64) {
	n := float64(len(b.ch.Machines) + 1)
	h = 0.9 / n
	return float64(len(b.ch.Categories)-1-i) + 0.45 - h*(float64(j)+0.5), h
}

func (b *barPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	return b.min, b.max, -0.5, float64(len(b.ch.Categories)) - 0.5
}

func (b *barPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	label := p.Y.Tick.Label
	label.XAlign, label.YAlign = draw.XLeft, draw.YCenter
	label.Font.Size = vg.Points(7)
	label.Color = color.Gray{0x55}
	whisker := draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}
	name := label
	name.Font.Size, name.Color = vg.Points(8), color.Black
	for i, row := range b.ch.Bars {
		y, _ := b.slot(i, 0)
		c.FillText(name, vg.Point{X: trX(b.min) + vg.Points(2), Y: trY(y)}, b.ch.Categories[i])
		for j, bar := range row {
			y, h := b.slot(i, j+1)
			y0, y1 := trY(y-h/2), trY(y+h/2)
			if bar.Missing != "" {
				c.FillText(label, vg.Point{X: trX(b.min) + vg.Points(2), Y: trY(y)}, short(bar.Missing, 90))
				continue
			}
			x0, x1 := trX(b.min), trX(math.Max(bar.Stat.Center, b.min))
			c.FillPolygon(palette[j%len(palette)], []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
			if bar.Stat.HasCI() {
				lo, hi := trX(math.Max(bar.Stat.Lo, b.min)), trX(math.Min(bar.Stat.Hi, b.max))
				ym := trY(y)
				c.StrokeLine2(whisker, lo, ym, hi, ym)
				c.StrokeLine2(whisker, lo, y0, lo, y1)
				c.StrokeLine2(whisker, hi, y0, hi, y1)
			}
		}
	}
}

// short cuts s to n runes with an ellipsis.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
