package report

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

// againstShipped is the page of a stand-in machine's file read, as one
// FILE is, beside the shipped reference.
func againstShipped(t *testing.T) *Page {
	t.Helper()
	mine, err := os.ReadFile("testdata/standin-throttled-vda.txt")
	require.NoError(t, err)
	d, err := Read([]Input{{Name: "mine.txt", Data: mine}, Shipped()})
	require.NoError(t, err)
	p, err := Build(d, ShippedName)
	require.NoError(t, err)
	return p
}

// TestSummaryIsOneText checks the summary of a run against the shipped
// reference (its golden file is what benchrig run prints), and that
// report.md and report.html open with the same lines.
func TestSummaryIsOneText(t *testing.T) {
	p := againstShipped(t)
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
			got := answer(tc.m, ref).Text
			assert.True(t, strings.HasPrefix(got, tc.start), got)
		})
	}
	assert.Contains(t, answer(dev("a", 1), ref).Text, "Cold go list dominates here (300.0ms")
}

// TestShortAgainstFull shows a -short file read beside the full shipped
// reference: the notes name the -short run and each family run at another
// scale, with the command that makes them comparable.
func TestShortAgainstFull(t *testing.T) {
	var b strings.Builder
	b.WriteString("machine: mine\nbenchrig: v1\nshort: on\npkg: github.com/benchrig/benchrig/bench/mmap\n")
	for range 3 {
		b.WriteString("BenchmarkMmap/size=16MiB/cache=warm/prefault=none/access=seq-2 \t 1\t 100000 ns/op\n")
	}
	b.WriteString("PASS\n")
	d, err := Read([]Input{{Name: "mine.txt", Data: []byte(b.String())}, Shipped()})
	require.NoError(t, err)
	_, err = Build(d, ShippedName)
	require.NoError(t, err)
	assert.Contains(t, d.Notes, "mmap: mine ran size=16MiB, vm-bhyve-2vcpu-quiet ran size=64MiB (mine is a -short run), so only rows at the same scale are compared; run both the same way (go tool benchrig run, without -short) to compare them all")
	assert.Len(t, d.Notes, 1, "one note per mismatch, and none for the shipped reference's version")

	d, err = Read([]Input{{Name: "mine.txt", Data: []byte(b.String())}})
	require.NoError(t, err)
	_, err = Build(d, "")
	require.NoError(t, err)
	assert.Contains(t, d.Notes[0], "every file is from a -short run")
}

// TestJSON pins the JSON of a file against the shipped reference in a
// golden file, and checks that it holds the summary's lines and answer.
func TestJSON(t *testing.T) {
	p := againstShipped(t)
	var b bytes.Buffer
	require.NoError(t, p.JSON(&b))
	testutil.Golden(t, "testdata/golden/report.json", b.Bytes())
	var got struct {
		Version  int `json:"version"`
		Machines []struct {
			Summary       []string `json:"summary"`
			GoodForGoWork struct {
				Verdict string `json:"verdict"`
			} `json:"good_for_go_work"`
		} `json:"machines"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	assert.Equal(t, JSONVersion, got.Version)
	require.Len(t, got.Machines, 2)
	assert.Equal(t, p.Machines[0].Summary.Lines, got.Machines[0].Summary)
	assert.Equal(t, "not answered", got.Machines[0].GoodForGoWork.Verdict)
	assert.Equal(t, "reference", got.Machines[1].GoodForGoWork.Verdict)
}

// TestVersionsNamed: files from two benchrig versions are named with both
// versions and which rows the difference touches.
func TestVersionsNamed(t *testing.T) {
	file := func(machine, version string, rows ...string) Input {
		s := "machine: " + machine + "\nbenchrig: " + version + "\npkg: github.com/benchrig/benchrig/bench/falseshare\n"
		for _, r := range rows {
			s += "BenchmarkFalseSharing/layout=" + r + "/goroutines=2-2 \t 100\t 20.0 ns/op\n"
		}
		return Input{Name: machine + ".txt", Data: []byte(s + "PASS\n")}
	}
	d, err := Read([]Input{file("a", "v1", "packed", "pad64"), file("b", "v2", "packed")})
	require.NoError(t, err)
	require.Len(t, d.Notes, 1)
	assert.Equal(t, "the files come from different benchrig versions: v1 (a.txt:4); v2 (b.txt:4); a difference in the 1 row every machine ran may be a difference between versions; not compared, since only some machines ran them: 1 row (FalseSharing/layout=pad64/goroutines=2)", d.Notes[0])
}
