package report

import (
	"bytes"
	"html"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// TestSummaryIsOneText checks the summary of a run against the shipped
// reference (its golden file is what benchrig run prints), and that
// report.md and report.html open with the same lines.
func TestSummaryIsOneText(t *testing.T) {
	mine, err := os.ReadFile("testdata/standin-throttled-vda.txt")
	require.NoError(t, err)
	d, err := Read([]Input{{Name: "mine.txt", Data: mine}, Shipped()})
	require.NoError(t, err)
	p, err := Build(d, ShippedName)
	require.NoError(t, err)
	s := p.Machines[0].Summary
	testutil.Golden(t, "testdata/golden/summary.txt", []byte(s.String()))

	var md, page bytes.Buffer
	require.NoError(t, p.Markdown(&md))
	require.NoError(t, p.HTML(&page))
	for _, l := range s.Lines {
		assert.Contains(t, md.String(), "- "+mdEscape(l)+"\n")
		assert.Contains(t, html.UnescapeString(page.String()), "<li>"+l+"</li>")
	}
	first := strings.Index(md.String(), "## Summary")
	assert.Less(t, first, strings.Index(md.String(), "## Claim verdicts"), "the summary comes before the claims")
	assert.Less(t, strings.Index(md.String(), "## Claim verdicts"), strings.Index(md.String(), "## Across machines"), "the claims come before the charts' tables")
}

func TestGoodForGoWork(t *testing.T) {
	dev := func(label string, scale float64) *Machine {
		m := machineOf(
			modresRow("tool=rebuild/mode=mod/tree=small/cache=warm/gocache=disk", map[string][]float64{"ns/op": six(200e6 * scale)}),
			modresRow("tool=golist/mode=mod/tree=service/cache=warm", map[string][]float64{"ns/op": six(100e6 * scale)}),
			modresRow("tool=golist/mode=mod/tree=service/cache=cold", map[string][]float64{"ns/op": six(300e6 * scale)}),
			modresRow("tool=build/mode=mod/tree=small/cache=cold/gocache=disk", map[string][]float64{"ns/op": six(80e6 * scale)}),
		)
		m.Label = label
		return m
	}
	ref := dev("ref", 1)
	for _, tc := range []struct {
		name  string
		m     *Machine
		start string
	}{
		{"as fast", dev("a", 0.9), "Good for Go work? Yes: the dev loop takes 0.90× the reference's time"},
		{"a little slower", dev("b", 1.6), "Good for Go work? Usable, but slower: the dev loop takes 1.60×"},
		{"slow", dev("c", 3), "Good for Go work? Slow: the dev loop takes 3.00×"},
		{"no modres", machineWith(1e6), "Good for Go work? Not answered"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := answer(tc.m, ref)
			assert.True(t, strings.HasPrefix(got, tc.start), got)
		})
	}
	assert.Contains(t, answer(dev("a", 1), ref), "Cold go list dominates here (300.0ms")
}
