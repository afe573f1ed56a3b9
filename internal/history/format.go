package history

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// JSONVersion is the version of the JSON that [WriteJSON] writes.
//
// The document is {"version": 1, "kind": "history", "series": [...]}; each
// series has "pkg", "name", "unit", "machine", "better" ("higher" or
// "lower"), "points" (each "rev", "time" (RFC 3339), "n", "median", "lo",
// "hi": the 95% interval, null when too few samples give none) and "changes" (each a [ChangeReport]: "rev", "index" into points,
// "median_before", "median_after", "change_pct", "p", "regression").
const JSONVersion = 1

type jsonDoc struct {
	Version int          `json:"version"`
	Kind    string       `json:"kind"`
	Series  []jsonSeries `json:"series"`
}

type jsonSeries struct {
	Pkg     string         `json:"pkg"`
	Name    string         `json:"name"`
	Unit    string         `json:"unit"`
	Machine string         `json:"machine"`
	Better  string         `json:"better"`
	Points  []jsonPoint    `json:"points"`
	Changes []ChangeReport `json:"changes"`
}

type jsonPoint struct {
	Rev    string   `json:"rev"`
	Time   string   `json:"time"`
	N      int      `json:"n"`
	Median float64  `json:"median"`
	Lo     *float64 `json:"lo"` // null when too few samples give no interval
	Hi     *float64 `json:"hi"`
}

// WriteJSON writes the series as the versioned JSON document.
func WriteJSON(w io.Writer, series []*Series) error {
	doc := jsonDoc{Version: JSONVersion, Kind: "history", Series: []jsonSeries{}}
	for _, se := range series {
		js := jsonSeries{Pkg: se.Pkg, Name: se.Name, Unit: se.Unit, Machine: se.Machine, Better: resultfile.Better(se.Unit), Changes: se.Reports()}
		if js.Changes == nil {
			js.Changes = []ChangeReport{}
		}
		for _, p := range se.Points {
			js.Points = append(js.Points, jsonPoint{p.Rev, p.Time.Format(time.RFC3339), len(p.Samples), p.Median, finite(p.Lo), finite(p.Hi)})

		}
		doc.Series = append(doc.Series, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// finite returns x, or nil for a missing interval end (too few samples:
// ±Inf), which JSON cannot hold.
func finite(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

// WriteText writes each series: a header, one line per commit (revision,
// commit time, median and interval, samples), and its change points under
// the commit where each starts.
func WriteText(w io.Writer, series []*Series) error {
	for i, se := range series {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s %s [%s, %s is better] on %s: %d commits, %d change point(s)\n", se.Pkg, se.Name, se.Unit, resultfile.Better(se.Unit), se.Machine, len(se.Points), len(se.Changes))
		changes := se.Reports()
		for j, p := range se.Points {
			fmt.Fprintf(w, "  %-12s %s  %s  n=%d\n", short(p.Rev), p.Time.Format("2006-01-02"), interval(p), len(p.Samples))
			for _, c := range changes {
				if c.Index == j {
					fmt.Fprintf(w, "  ^ change: %s\n", describe(c))
				}
			}
		}
	}
	return nil
}

// WriteMarkdown writes one table per series with its change points
// listed under it.
func WriteMarkdown(w io.Writer, series []*Series) error {
	for _, se := range series {
		fmt.Fprintf(w, "### `%s %s` (%s) on %s\n\n| commit | date | median [95%% CI] | n |\n|---|---|---|---|\n", se.Pkg, se.Name, se.Unit, se.Machine)
		for _, p := range se.Points {
			fmt.Fprintf(w, "| `%s` | %s | %s | %d |\n", short(p.Rev), p.Time.Format("2006-01-02"), interval(p), len(p.Samples))
		}
		fmt.Fprintln(w)
		for _, c := range se.Reports() {
			fmt.Fprintf(w, "- change at `%s`: %s\n", short(c.Rev), describe(c))
		}
		fmt.Fprintln(w)
	}
	return nil
}

func interval(p Point) string {
	if finite(p.Lo) == nil || finite(p.Hi) == nil {
		return fmt.Sprintf("%.4g (no CI)", p.Median)
	}
	return fmt.Sprintf("%.4g [%.4g, %.4g]", p.Median, p.Lo, p.Hi)
}

// describe says what a change point is, in one line.
func describe(c ChangeReport) string {
	kind := "improvement"
	if c.Regression {
		kind = "REGRESSION"
	}
	return fmt.Sprintf("%s: median %.4g -> %.4g (%+.1f%%), p=%.2g", kind, c.MedianBefore, c.MedianAfter, c.ChangePct, c.P)
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// WriteFindings writes history check's findings as markdown (for a CI job
// summary): a line per regression, or one saying there is none.
func WriteFindings(w io.Writer, fs []Finding, last int, threshold float64) {
	if len(fs) == 0 {
		fmt.Fprintf(w, "**history check: no regression** of %.3g%% or more starts within the last %d commits of any series.\n", threshold*100, last)
		return
	}
	fmt.Fprintf(w, "**history check: %d regression(s)** of %.3g%% or more start within the last %d commits:\n\n", len(fs), threshold*100, last)
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "- `%s %s` (%s) on %s, from `%s`: %s\n", f.Series.Pkg, f.Series.Name, f.Series.Unit, f.Series.Machine, short(f.Change.Rev), describe(f.Change))
	}
	fmt.Fprint(w, b.String())
}
