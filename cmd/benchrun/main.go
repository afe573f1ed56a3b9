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

const usage = `usage: benchrun run [-count N] [-bench RE] [-short] [-benchtime D] [-pkg PATTERN] [LABEL]
       benchrun ab A B [-count N] [-bench RE] [-pkg PATTERN] [-quiet D] [-budget D] [-target PCT] [...]
       benchrun calibrate [-runs N] [-count N] [-benchtime D] [-quiet D]

run builds each package's test binary once and runs it N times, one fresh
process each, into results/LABEL.txt. ab checks two git revisions out in
temporary worktrees, runs their test binaries in pairs of alternating
order and gates B against A. calibrate runs a calibration load against
scaled copies of itself and prints the false-alarm rate and power the gate
has on this machine. "benchrun COMMAND -h" lists a command's flags.

Exit status: 0 success (ab: no regression), 1 a regression (ab) or a
failed benchmark (run), 2 usage, input or build error, 130/143 interrupted
by SIGINT/SIGTERM (worktrees and scratch are removed first).
`

// run is the whole command; it returns the exit code.
func run(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func(context.Context, io.Writer, io.Writer, []string) error{
		"run":       cmdRun,
		"ab":        cmdAB,
		"calibrate": cmdCalibrate,
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "benchrun: unknown command %q\n%s", args[0], usage)
		return 2
	}
	ctx, sig, stop := signalContext()
	defer stop()
	err := cmd(ctx, stdout, stderr, args[1:])
	if s := sig(); s != nil {
		fmt.Fprintln(stderr, stopped(s, err))
		if s == syscall.SIGTERM {
			return 143
		}
		return 130
	}
	return exitCode(stderr, err)
}

// stopped is the last line of a command that signal s stopped with err: it
// says the work dir was removed only when no [abrun.CleanupError] says
// otherwise.
func stopped(s os.Signal, err error) string {
	var left *abrun.CleanupError
	if errors.As(err, &left) {
		return fmt.Sprintf("benchrun: %v: stopped; %v", s, left)
	}
	return fmt.Sprintf("benchrun: %v: stopped; worktrees and scratch removed", s)
}

// exitCode maps a command's error to the exit status.
func exitCode(stderr io.Writer, err error) int {
	var code exitErr
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, abrun.ErrBenchmarkFailed):
		fmt.Fprintf(stderr, "benchrun: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "benchrun: %v\n", err)
	return 2
}

// exitErr is a command's exit status when it is not 0 and not an error
// (ab's regression, 1).
type exitErr int

func (e exitErr) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errUsage marks an error the flag package already reported.
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
