package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/benchrig/benchrig/internal/abrun"
)

func main() {
	os.Exit(run(os.Stdout, os.Stderr, os.Args[1:]))
}

// run is the whole command; it returns the exit code.
func run(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		writeHelp(stderr)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return help(stdout, stderr, args[1:])
	}
	cmd := lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(stderr, "benchrig: unknown command %q%s\nRun 'benchrig help' for the commands.\n", args[0], didYouMean(args[0]))
		return 2
	}
	ctx, sig, stop := signalContext()
	defer stop()
	err := cmd.run(ctx, stdout, stderr, args[1:])
	if s := sig(); s != nil {
		fmt.Fprintln(stderr, stopped(s, err))
		if s == syscall.SIGTERM {
			return 143
		}
		return 130
	}
	return exitCode(stderr, cmd.name, err)
}

// stopped is the last line of a command that signal s stopped with err: it
// says the work dir was removed only when no [abrun.CleanupError] says
// otherwise.
func stopped(s os.Signal, err error) string {
	var left *abrun.CleanupError
	if errors.As(err, &left) {
		return fmt.Sprintf("benchrig: %v: stopped; %v", s, left)
	}
	return fmt.Sprintf("benchrig: %v: stopped; worktrees and scratch removed", s)
}

// exitCode maps a command's error to the exit status, printing the error
// unless it was already reported.
func exitCode(stderr io.Writer, name string, err error) int {
	var code exitErr
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, abrun.ErrBenchmarkFailed):
		printErr(stderr, name, err)
		return 1
	}
	printErr(stderr, name, err)
	return 2
}

// exitErr is a command's exit status when the command already said why
// (0 after -h, 1 for a regression, 2 after its own report).
type exitErr int

func (e exitErr) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errUsage marks an error the flag helper already reported.
var errUsage = errors.New("usage")

// signalContext returns a context cancelled on SIGINT or SIGTERM and a
// function that tells which signal cancelled it.
func signalContext() (context.Context, func() os.Signal, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	got := make(chan os.Signal, 1)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			got <- s
			cancel()
		case <-done:
		}
	}()
	sig := func() os.Signal {
		select {
		case s := <-got:
			got <- s
			return s
		default:
			return nil
		}
	}
	stop := func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
	return ctx, sig, stop
}
