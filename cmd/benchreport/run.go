package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/benchrig/benchrig/internal/report"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // writing failed
	exitUsage = 2 // bad flags or input files
)

func run(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ref := fs.String("ref", "", "reference `FILE` the other machines are compared with (default: the first file)")
	out := fs.String("o", "report.html", "HTML `file` to write")
	md := fs.String("md", "", "markdown `file` to write for a CI job summary (- for stdout)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: benchreport FILE... [-ref FILE] [-o report.html] [-md report.md]")
		fs.PrintDefaults()
	}
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *ref != "" && !slices.Contains(files, *ref) {
		files = append(files, *ref)
	}
	page, err := load(files, *ref)
	if err != nil {
		fmt.Fprintf(stderr, "benchreport: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, page.Data.Summary())
	if err := write(stdout, *out, page.HTML); err != nil {
		fmt.Fprintf(stderr, "benchreport: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	if *md != "" {
		if err := write(stdout, *md, page.Markdown); err != nil {
			fmt.Fprintf(stderr, "benchreport: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stderr, "wrote %s\n", *md)
	}
	return exitOK
}

// parseArgs accepts flags before and after the file arguments.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func load(files []string, ref string) (*report.Page, error) {
	var ins []report.Input
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%w; give benchmark result files", err)
		}
		ins = append(ins, report.Input{Name: f, Data: b})
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
