package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// This file is the one flag helper every subcommand uses: its flag set
// prints the command's usage, and parse lets flags and positional
// arguments mix (benchrig gate base.txt head.txt -threshold 5%).

// flagSet is a subcommand's flag set.
type flagSet struct {
	*flag.FlagSet
	cmd *command
}

// newFlagSet returns the flag set of c, reporting to stderr. A usage
// error prints the synopsis; -h prints the whole help.
func newFlagSet(c *command, stderr io.Writer) *flagSet {
	fs := &flagSet{flag.NewFlagSet("benchrig "+c.name, flag.ContinueOnError), c}
	fs.SetOutput(stderr)
	fs.Usage = func() {} // parse prints the synopsis or the help
	return fs
}

// synopsis prints the usage line and where the help is.
func (fs *flagSet) synopsis() {
	c := fs.cmd
	fmt.Fprintf(fs.Output(), "usage: benchrig %s %s\nRun 'benchrig help %s' for details.\n", c.name, c.args, c.name)
}

// help prints the whole usage: synopsis, description and flags.
func (fs *flagSet) help() {
	c := fs.cmd
	fmt.Fprintf(fs.Output(), "usage: benchrig %s %s\n\n%s", c.name, c.args, c.long)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprint(fs.Output(), "\nFlags:\n")
		fs.PrintDefaults()
	}
}

// parse parses flags that may come before, between or after the
// positional arguments. Everything after "--" is returned in rest, not
// parsed. After -h it returns exitErr(0); after a bad flag, errUsage (the
// flag package has printed the error and the usage).
func parse(fs *flagSet, args []string) (pos, rest []string, err error) {
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, nil, exitErr(0)
			}
			fs.synopsis()
			return nil, nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, rest, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// parseArgs is parse for a command that takes no "--" section: what
// follows "--" is positional too (a file named -x).
func parseArgs(fs *flagSet, args []string) ([]string, error) {
	pos, rest, err := parse(fs, args)
	return append(pos, rest...), err
}

// usageErr reports a usage error and the usage, and returns errUsage.
func usageErr(fs *flagSet, format string, args ...any) error {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.synopsis()
	return errUsage
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// printErr prints err, a line at a time, each prefixed with the command.
func printErr(w io.Writer, name string, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "benchrig %s: %s\n", name, line)
	}
}
