package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/benchrig/benchrig/internal/report"
)

var reportCmd = &command{
	name:  "report",
	args:  "[FILE...] [-ref FILE] [-o report.html] [-md report.md] [-json FILE] [-history DB [-machine M] [-last N]]",
	short: "an HTML page and a markdown summary of result files",
	long: `Report writes one self-contained HTML page (inline CSS and SVG charts, no
scripts, no network) of result files (paths, or labels in the results dir)
and, with -md, the same findings in markdown for a CI job summary; with
-json, the answers as versioned JSON (go doc ./internal/report
JSONVersion). Per
machine (the machine: config line) the page has the system table, one
plain-words headline per finding with its median and 95% confidence
interval, the verdicts on a published set of claims about Go and
hardware, and the raw numbers. Across machines it shows each row as a
ratio to the reference machine (-ref; with one FILE, benchrig's shipped
reference, a quiet 2-vCPU VM, else the first file's) and one chart per
family. Page and markdown open with each machine's summary, the lines
benchrig run prints at its end: a sentence per finding, whether the
machine is good for Go work (its dev loop against the reference), busy
rows and contradicted expectations. -md - writes the markdown to stdout. What was read goes
to stderr. See go doc ./internal/report.

With -history (a store as history show -db takes it: an SQLite path or a
postgres:// URL) the page adds a trend chart per family, and the
markdown a line: the family's headline row (else its first row) in its
compared unit, per commit the median with its 95% interval as an error
bar, over the last -last commits, one line per machine (only -machine
with it), change points as dashed vertical lines with their change in
the legend. With -history and no FILE the page holds the trends alone.

Exit 0 written, 2 bad flags, unusable input (named file:line) or a write
that failed.
`,
}

func init() { reportCmd.run = cmdReport }

func cmdReport(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(reportCmd, stderr)
	ref := fs.String("ref", "", "reference `FILE` the other machines are compared with (default: benchrig's shipped reference with one FILE, else the first file)")
	out := fs.String("o", "report.html", "HTML `file` to write")
	md := fs.String("md", "", "markdown `file` to write for a CI job summary (- for stdout)")
	js := fs.String("json", "", "JSON `file` of the answers to write (- for stdout; schema: go doc ./internal/report JSONVersion)")
	hist := fs.String("history", "", "add trend charts from this history store: an SQLite `path` or a postgres:// URL")
	machine := fs.String("machine", "", "trends of this `machine` label only (default: every machine in the store)")
	last := fs.Int("last", 50, "trends over the last `N` commits")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 && *hist == "" {
		return usageErr(fs, "want one or more result files, or -history DB for trends alone")
	}
	if *last < 1 {
		return usageErr(fs, "want -last ≥ 1")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *md == "-" && *js == "-" {
		return usageErr(fs, "-md - and -json - both want stdout; write one of them to a file")
	}
	if *hist == "" && (set["machine"] || set["last"]) {
		return usageErr(fs, "-machine and -last choose the trends of -history; give -history DB, or drop them")
	}
	files = resolveAll(files)
	if *ref != "" {
		*ref = resolve(*ref)
		if !slices.Contains(files, *ref) {
			files = append(files, *ref)
		}
	}
	page := report.TrendPage()
	if len(files) > 0 {
		if page, err = load(files, *ref, *ref == "" && len(files) == 1); err != nil {
			return err
		}
	}
	if *hist != "" {
		ts, err := readTrends(ctx, *hist, *machine, *last)
		if err != nil {
			return err
		}
		if err := page.AddTrends(ts); err != nil {
			return err
		}
	}
	if len(files) > 0 {
		fmt.Fprintln(stderr, page.Data.Summary())
	}
	if *hist != "" {
		fmt.Fprintf(stderr, "trends: %d families from %s\n", len(page.Trends), *hist)
	}
	return writePage(stdout, stderr, page, *out, *md, *js)
}

// writePage writes page's HTML to out, its markdown to md and its JSON to
// js, each unless "", and names each file written on stderr.
func writePage(stdout, stderr io.Writer, page *report.Page, out, md, js string) error {
	for _, o := range []struct {
		path   string
		render func(io.Writer) error
	}{{out, page.HTML}, {md, page.Markdown}, {js, page.JSON}} {
		if o.path == "" {
			continue
		}
		if err := write(stdout, o.path, o.render); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s\n", o.path)
	}
	return nil
}

// load reads the files into a page; withShipped adds the shipped
// reference and makes it the reference.
func load(files []string, ref string, withShipped bool) (*report.Page, error) {
	var ins []report.Input
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%w; give benchmark result files", err)
		}
		ins = append(ins, report.Input{Name: f, Data: b})
	}
	if withShipped {
		ins, ref = append(ins, report.Shipped()), report.ShippedName
	}
	d, err := report.Read(ins)
	if err != nil {
		return nil, err
	}
	return report.Build(d, ref)
}

// write renders into a buffer, then writes path ("-" for stdout) at once.
func write(stdout io.Writer, path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if path == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%w; check that the directory exists and is writable", err)
	}
	return nil
}
