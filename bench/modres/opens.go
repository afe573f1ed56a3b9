package modres

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/benchrig/benchrig/internal/child"
)

// openSyscalls are the calls opens/op counts.
var openSyscalls = []string{"open", "openat", "openat2"}

// strace is the strace command, probed once: its path, or why opens/op
// cannot be counted on this machine.
var strace = sync.OnceValues(func() (string, error) {
	path, err := exec.LookPath("strace")
	if err != nil {
		return "", fmt.Errorf("strace not found on PATH (%v); install strace (apt-get install strace) to count opens/op", err)
	}
	if out, err := combinedOutput(child.Command(path, "-f", "-c", "-o", os.DevNull, "true")); err != nil {
		return "", fmt.Errorf("%s cannot trace here (%v: %s); ptrace is not permitted (container seccomp, kernel.yama.ptrace_scope)", path, err, bytes.TrimSpace(out))
	}
	return path, nil
})

// tracer wraps the go command in `strace -f -c` for one untimed pass: a
// shell script under dir that the tools run in place of the go command.
type tracer struct {
	Script string // run this instead of the go command
	Out    string // strace's summary of the last run
}

// newTracer writes the wrapper script for goPath under dir.
func newTracer(dir, stracePath, goPath string) (*tracer, error) {
	t := &tracer{Script: filepath.Join(dir, "go-strace"), Out: filepath.Join(dir, "strace.txt")}
	script := fmt.Sprintf("#!/bin/sh\nexec %s -f -c -e trace=%s -o %s %s \"$@\"\n",
		shQuote(stracePath), strings.Join(openSyscalls, ","), shQuote(t.Out), shQuote(goPath))
	if err := os.WriteFile(t.Script, []byte(script), 0o755); err != nil {
		return nil, fmt.Errorf("opens/op: write %s: %w", t.Script, err)
	}
	return t, nil
}

// opens returns the successful open calls of the last traced run.
func (t *tracer) opens() (int64, error) {
	b, err := os.ReadFile(t.Out)
	if err != nil {
		return 0, fmt.Errorf("opens/op: read strace output: %w", err)
	}
	n, err := parseStraceSummary(b)
	if err != nil {
		return 0, fmt.Errorf("opens/op: %s: %w", t.Out, err)
	}
	return n, nil
}

// parseStraceSummary sums calls minus errors of the open syscalls in the
// table `strace -c` writes. It is an error when no open row is found: a
// go command always opens files, so a missing row means the table is not
// what strace writes.
func parseStraceSummary(b []byte) (int64, error) {
	var total int64
	found := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || !isOpen(f[len(f)-1]) {
			continue
		}
		// % time, seconds, usecs/call, calls, [errors,] syscall
		calls, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil || calls < 0 {
			return 0, fmt.Errorf("line %d: calls %q is not a count", line, f[3])
		}
		var errs int64
		if len(f) >= 6 {
			if errs, err = strconv.ParseInt(f[4], 10, 64); err != nil || errs < 0 || errs > calls {
				return 0, fmt.Errorf("line %d: errors %q is not a count of at most %d", line, f[4], calls)
			}
		}
		total += calls - errs
		found = true
	}
	if !found {
		return 0, errors.New("no open, openat or openat2 row in the strace -c summary")
	}
	return total, nil
}

func isOpen(name string) bool {
	for _, s := range openSyscalls {
		if name == s {
			return true
		}
	}
	return false
}

// shQuote quotes s for /bin/sh.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
