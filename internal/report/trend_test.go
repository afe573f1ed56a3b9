package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// synthTrends are two machines' directio trends over 12 commits (m2 on the
// last 10 only, with a step up of 10% at r06) plus rows the trend must not
// pick: another directio row, another unit, and an unknown family.
func synthTrends() []Trend {
	headline := "DirectIO/op=randread/bs=4KiB/qd=1/io=direct"
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	trend := func(machine string, first, step int, base float64) Trend {
		t := Trend{Family: "directio", Row: headline, Unit: "io/s", Machine: machine}
		for i := first; i < 12; i++ {
			m := base * (1 + 0.01*float64(i%3-1))
			if step > 0 && i >= step {
				m *= 1.1
			}
			lo, hi := m*0.98, m*1.02
			if i == 4 {
				lo, hi = math.Inf(-1), math.Inf(1) // too few samples for an interval
			}
			t.Points = append(t.Points, TrendPoint{Rev: fmt.Sprintf("r%02d", i), Time: at.AddDate(0, 0, i), Median: m, Lo: lo, Hi: hi})
		}
		if step > 0 {
			t.Changes = []TrendChange{{Index: step - first, Pct: 10}}
		}
		return t
	}
	other := trend("m1", 0, 0, 9000)
	other.Row = "DirectIO/op=randread/bs=4KiB/qd=16/io=direct"
	unit := trend("m1", 0, 0, 0.5)
	unit.Unit = "B/op"
	unknown := trend("m1", 0, 0, 3)
	unknown.Family = "other"
	return []Trend{other, trend("m2", 2, 6, 1500), unit, trend("m1", 0, 0, 1200), unknown}
}

func TestTrendGolden(t *testing.T) {
	p := page(t, "", machines...)
	require.NoError(t, p.AddTrends(synthTrends()))
	require.Len(t, p.Trends, 1)
	tv := p.Trends[0]
	assert.True(t, tv.Headline)
	assert.Equal(t, "directio trend (headline row): DirectIO/op=randread/bs=4KiB/qd=1/io=direct, io/s", tv.Title)
	assert.Equal(t, []string{"m1", "m2"}, []string{tv.Trends[0].Machine, tv.Trends[1].Machine})

	var html, md bytes.Buffer
	require.NoError(t, htmlTmpl.ExecuteTemplate(&html, "trends", p))
	require.NoError(t, p.Markdown(&md))
	assert.Equal(t, 1, strings.Count(html.String(), "<svg"))
	testutil.Golden(t, "testdata/golden/trend.html", html.Bytes())
	_, section, ok := strings.Cut(md.String(), "## Trends\n")
	require.True(t, ok)
	testutil.Golden(t, "testdata/golden/trend.md", []byte(section))
}

// TestTrendFirstRow: without the headline row the trend follows the
// family's first row, and the title says so.
func TestTrendFirstRow(t *testing.T) {
	ts := synthTrends()[:1]
	tv, ok := pickTrend("directio", ts)
	require.True(t, ok)
	assert.False(t, tv.Headline)
	assert.Contains(t, tv.Title, "(first row): DirectIO/op=randread/bs=4KiB/qd=16/io=direct, io/s")
	_, ok = pickTrend("mmap", ts)
	assert.False(t, ok)
}
