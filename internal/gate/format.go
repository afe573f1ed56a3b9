package gate

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"golang.org/x/perf/benchunit"
)

// Format selects an output format.
type Format string

// Output formats.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	JSON     Format = "json"
)

// ParseFormat checks a -format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, Markdown, JSON:
		return f, nil
	}
	return "", fmt.Errorf("-format %q: want text, markdown or json", s)
}

// Write renders r in format f.
func (r *Report) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, r)
	case Markdown:
		return r.writeMarkdown(w)
	case Text, "":
		return r.writeText(w)
	}
	return fmt.Errorf("unknown format %q", f)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Summary is a one-line verdict, e.g. "FAIL: 2 regressions in 40 comparisons".
func (r *Report) Summary() string {
	switch r.Verdict {
	case Fail:
		var names []string
		for _, row := range r.Rows {
			if row.Status == Regressed {
				names = append(names, fmt.Sprintf("%s %s %s", row.Name, row.Unit, fmtChange(row.Change)))
			}
		}
		return fmt.Sprintf("FAIL: %d %s in %d comparisons: %s", r.Regressed, plural(r.Regressed, "regression", "regressions"), r.Compared+r.Counted, strings.Join(names, "; ")) + r.caveats()
	case TooFew:
		fix := "rerun with -count 10 or pass -allow-few"
		if r.Target != "" {
			fix = "run more pairs (e.g. -count 10, or -budget)"
		}
		return fmt.Sprintf("INSUFFICIENT: %d %s with fewer than %d samples a side; %s", r.Few, plural(r.Few, "row", "rows"), MinSamples, fix)
	case Unsure:
		return fmt.Sprintf("INCONCLUSIVE: no regression found in %d comparisons, but %d %s kept an MDE above the target %s: a change of that size could have been missed; run more pairs (-count, -budget)", r.Compared+r.Counted, r.Unsure, plural(r.Unsure, "row", "rows"), r.Target) + r.caveats()
	}
	s := fmt.Sprintf("PASS: no regression in %d comparisons (alpha %.3g after Holm–Bonferroni, %s)", r.Compared+r.Counted, r.Alpha, r.size())
	if r.Unsure > 0 {
		s += fmt.Sprintf("; %d inconclusive (MDE above the target)", r.Unsure)
	}
	if r.Improved > 0 {
		s += fmt.Sprintf("; %d %s", r.Improved, plural(r.Improved, "improvement", "improvements"))
	}
	if r.Few > 0 {
		s += fmt.Sprintf("; %d insufficient", r.Few)
	}
	return s + r.caveats()
}

// caveats are what the verdict cannot vouch for: drift between runs that
// were not interleaved, rows measured on a busy machine.
func (r *Report) caveats() string {
	var s string
	if r.Busy > 0 {
		s += fmt.Sprintf("; %d busy", r.Busy)
	}
	if !r.Paired {
		s += "; not interleaved: drift between the runs untested"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fmtChange(c *float64) string {
	if c == nil {
		return "from 0"
	}
	return fmt.Sprintf("%+.2f%%", *c*100)
}

func fmtCorr(c *float64) string {
	if c == nil {
		return "-"
	}
	return fmt.Sprintf("%+.2f", *c)
}

func fmtP(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%.3g", *p)
}

func fmtStats(s Stats, unit string) string {
	v := benchunit.Scale(s.Median, benchunit.Decimal)
	switch {
	case s.CIPct < 0:
		return v + " ± ∞"
	case s.CIPct == 0 || math.IsNaN(s.CIPct):
		return v + " ± 0%"
	}
	return fmt.Sprintf("%s ± %.0f%%", v, math.Ceil(s.CIPct*100))
}

func statusWord(s Status) string {
	switch s {
	case Regressed:
		return "REGRESSED"
	case Improved:
		return "improved"
	case WithinThresh:
		return "within threshold"
	case NoChange:
		return "~"
	}
	return string(s)
}

// size names the size of change the report judges by: the threshold, or
// for Decide the target and the fail line under it.
func (r *Report) size() string {
	if r.Target != "" {
		return fmt.Sprintf("target %s, fails above %s", r.Target, r.Threshold)
	}
	return "threshold " + r.Threshold
}

// verdictWord is a row's status word, marked when the row was busy.
func verdictWord(row Row) string {
	if len(row.Busy) > 0 {
		return statusWord(row.Status) + " (busy)"
	}
	return statusWord(row.Status)
}

func fmtMDE(m *float64) string {
	if m == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", *m*100)
}

// rowNotes are a row's notes with its busy reasons first.
func rowNotes(row Row) []string {
	var out []string
	for _, b := range row.Busy {
		out = append(out, "busy: "+b)
	}
	return append(out, row.Notes...)
}

func (r *Report) header() string {
	test := "unpaired (U test)"
	if r.Paired {
		test = "paired (Yuen's trimmed t on per-pair log ratios)"
	}
	return fmt.Sprintf("base %s (%d results), head %s (%d results); %s; %d time + %d counted comparisons, alpha %.3g with Holm–Bonferroni per family, %s, MDE at %.0f%% power",
		r.Base.Name, r.Base.Results, r.Head.Name, r.Head.Results, test, r.Compared, r.Counted, r.Alpha, r.size(), 100*r.Power)
}

// pkgGroups returns row indexes grouped by package, in order of appearance.
func (r *Report) pkgGroups() (pkgs []string, groups map[string][]int) {
	groups = make(map[string][]int)
	for i, row := range r.Rows {
		if _, ok := groups[row.Pkg]; !ok {
			pkgs = append(pkgs, row.Pkg)
		}
		groups[row.Pkg] = append(groups[row.Pkg], i)
	}
	return pkgs, groups
}

func (r *Report) writeText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintln(&b, r.header())
	for _, c := range r.Config {
		fmt.Fprintf(&b, "config %s differs: %q vs %q\n", c.Key, c.Base, c.Head)
	}
	pkgs, groups := r.pkgGroups()
	for _, pkg := range pkgs {
		fmt.Fprintf(&b, "\npkg: %s\n", pkg)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "benchmark\tunit\tbase\thead\tchange\tp\tp (Holm)\tMDE\tρ\tverdict")
		for _, i := range groups[pkg] {
			row := r.Rows[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", row.Name, row.Unit, fmtStats(row.Base, row.Unit), fmtStats(row.Head, row.Unit),
				fmtChange(row.Change), fmtP(row.P), fmtP(row.PAdj), fmtMDE(row.MDE), fmtCorr(row.PairCorr), verdictWord(row))
		}
		tw.Flush()
		for _, i := range groups[pkg] {
			for _, n := range rowNotes(r.Rows[i]) {
				fmt.Fprintf(&b, "  note: %s %s: %s\n", r.Rows[i].Name, r.Rows[i].Unit, n)
			}
		}
	}
	writeList(&b, "\nonly in base (not compared):", r.OnlyBase, "  ")
	writeList(&b, "\nonly in head (not compared):", r.OnlyHead, "  ")
	writeList(&b, "\nwarnings:", r.Warnings, "  ")
	fmt.Fprintf(&b, "\n%s\n", r.Summary())
	_, err := io.WriteString(w, b.String())
	return err
}

func writeList(b *strings.Builder, title string, items []string, indent string) {
	if len(items) == 0 {
		return
	}
	if title != "" {
		fmt.Fprintln(b, title)
	}
	for _, it := range items {
		fmt.Fprintf(b, "%s%s\n", indent, it)
	}
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;").Replace(s)
}

func (r *Report) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	icon := map[Verdict]string{Pass: "✅", Fail: "❌", TooFew: "⚠️"}[r.Verdict]
	fmt.Fprintf(&b, "### benchrig gate %s %s\n\n", icon, mdEscape(r.Summary()))
	fmt.Fprintf(&b, "%s\n", mdEscape(r.header()))
	for _, c := range r.Config {
		fmt.Fprintf(&b, "\n- config `%s` differs: `%s` vs `%s`", c.Key, c.Base, c.Head)
	}
	if len(r.Config) > 0 {
		b.WriteString("\n")
	}
	pkgs, groups := r.pkgGroups()
	for _, pkg := range pkgs {
		fmt.Fprintf(&b, "\n#### `%s`\n\n", pkg)
		b.WriteString("| benchmark | unit | base | head | change | p (Holm) | MDE | ρ | verdict |\n")
		b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|---|\n")
		for _, i := range groups[pkg] {
			row := r.Rows[i]
			verdict := mdEscape(verdictWord(row))
			if row.Status == Regressed {
				verdict = "**❌ " + mdEscape(strings.Replace(verdictWord(row), "REGRESSED", "regressed", 1)) + "**"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(row.Name), mdEscape(row.Unit), fmtStats(row.Base, row.Unit), fmtStats(row.Head, row.Unit),
				fmtChange(row.Change), fmtP(row.PAdj), fmtMDE(row.MDE), fmtCorr(row.PairCorr), verdict)
		}
		var notes []string
		for _, i := range groups[pkg] {
			for _, n := range rowNotes(r.Rows[i]) {
				notes = append(notes, mdEscape(r.Rows[i].Name+" "+r.Rows[i].Unit+": "+n))
			}
		}
		if len(notes) > 0 {
			b.WriteString("\n")
			writeList(&b, "", notes, "- ")
		}
	}
	esc := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = mdEscape(x)
		}
		return out
	}
	writeList(&b, "\n**Only in base** (not compared):\n", esc(r.OnlyBase), "- ")
	writeList(&b, "\n**Only in head** (not compared):\n", esc(r.OnlyHead), "- ")
	writeList(&b, "\n**Warnings:**\n", esc(r.Warnings), "- ")
	_, err := io.WriteString(w, b.String())
	return err
}
