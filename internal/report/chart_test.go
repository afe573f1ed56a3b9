package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bar(v float64) Bar {
	return Bar{Stat: Stat{Unit: "ns/op", Center: v, Lo: v * 0.9, Hi: v * 1.1, N: 6}}
}

func TestChart(t *testing.T) {
	for _, tc := range []struct {
		name    string
		bars    [][]Bar
		log     bool
		wantErr string
	}{
		{"small spread, linear", [][]Bar{{bar(10), bar(12)}, {bar(15), {Missing: "not run"}}}, false, ""},
		{"large spread, log", [][]Bar{{bar(10), bar(1e6)}, {bar(15), bar(20)}}, true, ""},
		{"nothing to draw", [][]Bar{{{Missing: "not run"}, {Missing: "skipped: tmpfs"}}}, false, "nothing to draw"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := &Chart{ID: "c", Title: "t", Unit: "ns/op", Machines: []string{"a", "b"}}
			for i, bs := range tc.bars {
				ch.Categories = append(ch.Categories, string(rune('p'+i)))
				ch.Bars = append(ch.Bars, bs)
			}
			assert.Equal(t, tc.log, ch.Log())
			svg, err := ch.SVG()
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			s := string(svg)
			assert.True(t, strings.HasPrefix(s, "<svg"), "inline SVG starts at <svg, no XML prolog")
			assert.Equal(t, tc.log, strings.Contains(s, "log scale"))
			if tc.bars[1][1].Missing != "" {
				assert.Contains(t, s, "not run", "a missing row is labelled, not drawn as zero")
			}
		})
	}
}
