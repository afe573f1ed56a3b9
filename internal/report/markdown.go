package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the page for a CI job summary: the same headlines,
// verdicts and comparisons as the HTML, without the charts.
func (p *Page) Markdown(w io.Writer) error {
	var b strings.Builder
	if p.Ref == nil {
		fmt.Fprintf(&b, "# benchrig report\n\nTrends from the history store alone: give result files too for the summary, the claim verdicts and the machines side by side.\n\n")
	} else {
		fmt.Fprintf(&b, "# benchrig report\n\n%s. Ratios are to **%s** (%s); numbers are medians with 95%% confidence intervals (charts: the HTML report).\n\n", p.readLine(), p.Ref.Label, mdEscape(p.RefWhy))
	}
	for _, m := range p.Machines {
		fmt.Fprintf(&b, "## Summary: %s\n\n", m.Label)
		for _, l := range m.Summary.Lines {
			fmt.Fprintf(&b, "- %s\n", mdEscape(l))
		}
		b.WriteString("\n")
	}
	for _, n := range p.Data.Notes {
		fmt.Fprintf(&b, "> **note:** %s\n\n", mdEscape(n))
	}
	for _, m := range p.Machines {
		m.claims(&b)
	}
	if p.Ref != nil {
		b.WriteString("## Across machines\n\n")
		for _, f := range p.Families {
			f.markdown(&b, p.Machines)
		}
	}
	if len(p.Trends) > 0 {
		b.WriteString("## Trends\n\n")
		for _, tv := range p.Trends {
			fmt.Fprintf(&b, "- %s\n", mdEscape(tv.Line()))
		}
		b.WriteString("\n")
	}
	for _, m := range p.Machines {
		m.markdown(&b)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (p *Page) readLine() string {
	var fs []string
	for _, f := range p.Data.Files {
		fs = append(fs, fmt.Sprintf("`%s` (%d results)", f.Name, f.Results))
	}
	return fmt.Sprintf("Read %d file(s): %s", len(fs), strings.Join(fs, ", "))
}

func (m MachineView) markdown(b *strings.Builder) {
	fmt.Fprintf(b, "## Machine %s\n\n", m.Label)
	var sys []string
	for _, kv := range m.Config {
		sys = append(sys, fmt.Sprintf("%s: `%s`", kv.Key, kv.Value))
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(sys, ", "))
}

// claims writes the machine's claim verdicts.
func (m MachineView) claims(b *strings.Builder) {
	fmt.Fprintf(b, "## Claim verdicts: %s\n\n", m.Label)
	b.WriteString("| claim | tested by | this machine | verdict | what would test it |\n|---|---|---|---|---|\n")
	for _, c := range m.Claims {
		num := mdEscape(c.Number)
		if c.Missing != "" {
			num = "_" + mdEscape(c.Missing) + "_"
		}
		fmt.Fprintf(b, "| %s: %s | %s | %s | **%s** | %s |\n", c.ID, mdEscape(c.Text), mdEscape(c.Tests), num, c.Verdict, mdEscape(c.Would))
	}
	b.WriteString("\n")
}

func (f FamilyView) markdown(b *strings.Builder, ms []MachineView) {
	fmt.Fprintf(b, "### %s\n\n", f.Family)
	if len(f.Rows) == 0 {
		fmt.Fprintf(b, "_No machine ran %s._\n\n", f.Family)
		return
	}
	b.WriteString("| row | unit |")
	for _, m := range ms {
		fmt.Fprintf(b, " %s |", m.Label)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(ms)) + "\n")
	for _, r := range f.Rows {
		fmt.Fprintf(b, "| `%s` | %s (%s is better) |", r.Label, r.Unit, r.Better)
		for _, c := range r.Cells {
			fmt.Fprintf(b, " %s |", c.text())
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// text is a cell as one line: the number, its ratio and flags, or why it
// is missing.
func (c Cell) text() string {
	if c.Missing != "" {
		return "_" + mdEscape(c.Missing) + "_"
	}
	s := mdEscape(c.Stat.String())
	if c.HasRatio {
		s += ", " + mdEscape(c.Ratio.String())
	}
	if c.Busy != "" {
		s += " **busy**"
	}
	return s
}

// mdEscape keeps table cells intact: pipes and newlines would break a row.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`).Replace(s)
}
