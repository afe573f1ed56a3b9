package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Bar is one machine's median and interval for one row, or why it is
// missing (never drawn as zero).
type Bar struct {
	Stat    Stat
	Missing string
}

// Chart is one family's chart: a group of horizontal bars per category
// (a row, or a row and percentile), one bar per machine.
type Chart struct {
	ID, Title, Unit string
	Categories      []string
	Machines        []string
	Bars            [][]Bar // [category][machine]
}

// LogSpread is the rule for a log scale: when the largest median is more
// than this many times the smallest, bars are drawn on a log axis.
const LogSpread = 20.0

// palette colours the machines, in order.
var palette = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
}

// Log reports whether the chart needs a log scale by the LogSpread rule.
func (ch *Chart) Log() bool {
	lo, hi := ch.extent()
	return lo > 0 && hi/lo > LogSpread
}

// extent is the smallest and largest value drawn (medians and finite
// interval ends).
func (ch *Chart) extent() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, row := range ch.Bars {
		for _, b := range row {
			if b.Missing != "" {
				continue
			}
			for _, v := range []float64{b.Stat.Center, b.Stat.Lo, b.Stat.Hi} {
				if !math.IsInf(v, 0) && !math.IsNaN(v) && v > 0 {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	return lo, hi
}

// SVG renders the chart with gonum/plot. The XML prolog is dropped so the
// result can be inlined in HTML.
func (ch *Chart) SVG() ([]byte, error) {
	lo, hi := ch.extent()
	if math.IsInf(lo, 1) {
		return nil, fmt.Errorf("chart %s: nothing to draw (every row missing)", ch.Title)
	}
	p := plot.New()
	p.Title.Text = ch.Title
	p.X.Label.Text = ch.Unit + " (median, whiskers: 95% CI)"
	bars := &barPlot{ch: ch, min: 0, max: hi * 1.05}
	if ch.Log() {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		bars.min, bars.max = lo/2, hi*2
		p.X.Label.Text += ", log scale"
	}
	p.Add(bars)
	p.HideY()
	height := vg.Length(len(ch.Categories)*(len(ch.Machines)+1))*vg.Points(9) + vg.Points(90)
	return inlineSVG(p, height, "chart "+ch.Title)
}

// inlineSVG renders p 760 points wide and height high as SVG for inlining
// in the page: the XML prolog before <svg> is dropped. what names the
// chart in errors.
func inlineSVG(p *plot.Plot, height vg.Length, what string) ([]byte, error) {
	w, err := p.WriterTo(vg.Points(760), height, "svg")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return []byte(s), nil
}

// Color is machine i's bar colour as CSS, for the page's legend.
func Color(i int) string {
	c := palette[i%len(palette)]
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}
