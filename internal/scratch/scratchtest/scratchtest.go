// Package scratchtest builds an adversarial BENCHRIG_DIR for tests of the
// sweep: every shape of entry that looks like a benchrig run but is not one,
// processes that benchrig did not start, and dead runs that are benchrig's.
// [Build] makes it, the sweep under test runs, and [Adversary.Check] proves
// that nothing outside the dead runs changed and that no process benchrig
// did not start was signalled.
package scratchtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Options selects the cases beyond those any user can build.
type Options struct {
	// DeadRun, when set, makes a real dead run in base (its process killed
	// by SIGKILL) and returns its dir and a process it started that is
	// still alive: the sweep must remove the one and kill the other.
	DeadRun func(base string) (dir string, stray int)
	// Root adds the cases only root can build: another user's runs and
	// processes, and a bind mount inside a dead run. Build skips them
	// when not root.
	Root bool
}

// Adversary is a built BENCHRIG_DIR and what the sweep may and may not do
// to it.
type Adversary struct {
	Base, Outside string
	Cases         []string // the cases built, one line each, for the log
	gone          []string // entries of Base the sweep must remove
	strays        []int    // processes of dead runs: must be gone
	victims       []victim // processes benchrig did not start: must live
	before        map[string]string
	tokenOK       string // run-ok's token
}

type victim struct {
	what string
	cmd  *exec.Cmd
}

// NobodyUID is the user the root-only cases give entries and processes to.
const NobodyUID = 65534

// NewToken returns a random run token.
func NewToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// LockText is the text of a benchrig run lock for token, whose process
// pid started at start (clock ticks since boot).
func LockText(token string, pid int, start uint64) string {
	return fmt.Sprintf("benchrig run lock 1\ntoken %s\npid %d start %d\nargs [\"x\"]\nstarted 2026-01-01T00:00:00Z\n", token, pid, start)
}

// MarkerText is the text of a benchrig run dir's marker for token.
func MarkerText(token string) string {
	return fmt.Sprintf("benchrig run dir 1\ntoken %s\n", token)
}

func write(t testing.TB, path, text string, mode os.FileMode) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), mode))
}

func symlink(t testing.TB, target, path string) {
	t.Helper()
	require.NoError(t, os.Symlink(target, path))
}
