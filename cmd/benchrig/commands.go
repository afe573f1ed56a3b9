package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// command is one subcommand.
type command struct {
	name  string
	args  string // the synopsis after the name
	short string // one line for benchrig help
	long  string // what benchrig help NAME prints above the flags
	run   func(ctx context.Context, stdout, stderr io.Writer, args []string) error
}

// commands are the subcommands, in the order help lists them. It is set
// in init because each command's run refers to its own entry.
var commands []*command

func init() {
	commands = []*command{
		runCmd, abCmd, gateCmd, compareCmd, machinesCmd, reportCmd, historyCmd, powerCmd, noiseCmd, treeCmd,
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

const helpHead = `benchrig runs, compares and gates Go benchmarks.

Usage:

	benchrig <command> [arguments]

The commands are:

`

const helpTail = `
Use "benchrig help <command>" for more about a command; flags and
arguments mix in any order.

Exit status, every command: 0 ok, 1 a finding (a regression; a failed
benchmark in run), 2 usage or input error (named file:line or flag), 130
or 143 interrupted by SIGINT or SIGTERM.
`

func writeHelp(w io.Writer) {
	fmt.Fprint(w, helpHead)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-9s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, helpTail)
}

// help is benchrig help [CMD]: the command list, or CMD's usage and flags
// on stdout.
func help(stdout, stderr io.Writer, args []string) int {
	switch {
	case len(args) == 0:
		writeHelp(stdout)
		return 0
	case len(args) > 1:
		fmt.Fprintf(stderr, "benchrig help: want at most one command, got %q\n", args)
		return 2
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "benchrig help: unknown command %q%s\nRun 'benchrig help' for the commands.\n", args[0], didYouMean(args[0]))
		return 2
	}
	return exitCode(stderr, c.name, c.run(context.Background(), stdout, stdout, []string{"-h"}))
}

// didYouMean names the known command nearest to name, if one is near.
func didYouMean(name string) string {
	best, dist := "", 3
	for _, c := range commands {
		d := editDistance(strings.ToLower(name), c.name)
		if strings.HasPrefix(c.name, name) && name != "" {
			d = 1
		}
		if d < dist {
			best, dist = c.name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
