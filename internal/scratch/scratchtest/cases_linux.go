package scratchtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// victimTrees fills Outside with what a user keeps beside benchrig: files,
// a read-only subtree and a file the sweep could be led to by links.
func (a *Adversary) victimTrees(t testing.TB) {
	t.Helper()
	v := filepath.Join(a.Outside, "victim")
	write(t, filepath.Join(v, "a.txt"), "keep", 0o644)
	write(t, filepath.Join(v, "ro", "b.txt"), "keep", 0o444)
	require.NoError(t, os.Chmod(filepath.Join(v, "ro"), 0o555))
	write(t, filepath.Join(a.Outside, "lockfile"), LockText(NewToken(), 1, 0), 0o644)
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(v, "ro"), 0o755) })
}

// foreignEntries makes every run-* entry that is not a benchrig run.
func (a *Adversary) foreignEntries(t testing.TB) {
	t.Helper()
	b, v := a.Base, filepath.Join(a.Outside, "victim")
	free := func(name string) { write(t, filepath.Join(b, name+".lock"), LockText(NewToken(), 1, 0), 0o644) }
	cases := []struct {
		name string
		make func()
	}{
		{"a free benchrig lock whose run dir is a symlink to a victim dir", func() { free("run-y"); symlink(t, v, filepath.Join(b, "run-y")) }},
		{"a free benchrig lock whose run dir is a symlink to /", func() { free("run-root"); symlink(t, "/", filepath.Join(b, "run-root")) }},
		{"a free benchrig lock whose .removing-1 dir is a symlink to a victim dir", func() {
			free("run-w")
			symlink(t, v, filepath.Join(b, "run-w.removing-1"))
		}},
		{"a lock that is a symlink to a benchrig lock elsewhere, beside a real dir", func() {
			symlink(t, filepath.Join(a.Outside, "lockfile"), filepath.Join(b, "run-s.lock"))
			write(t, filepath.Join(b, "run-s", "x"), "keep", 0o644)
		}},
		{"a user's run-notes dir, no lock", func() { write(t, filepath.Join(b, "run-notes", "n.txt"), "mine", 0o644) }},
		{"a user's run-scripts dir with a read-only subtree, no lock", func() {
			write(t, filepath.Join(b, "run-scripts", "ro", "s.sh"), "echo", 0o555)
			require.NoError(t, os.Chmod(filepath.Join(b, "run-scripts", "ro"), 0o555))
			t.Cleanup(func() { _ = os.Chmod(filepath.Join(b, "run-scripts", "ro"), 0o755) })
		}},
		{"a foreign lock file (not benchrig's text) with a dir", func() {
			write(t, filepath.Join(b, "run-f.lock"), "not benchrig\n", 0o644)
			write(t, filepath.Join(b, "run-f", "x"), "keep", 0o644)
		}},
		{"an empty lock file with a dir", func() {
			write(t, filepath.Join(b, "run-e.lock"), "", 0o644)
			write(t, filepath.Join(b, "run-e", "x"), "keep", 0o644)
		}},
		{"a benchrig lock whose dir has no marker", func() { free("run-g"); write(t, filepath.Join(b, "run-g", "x"), "keep", 0o644) }},
		{"a benchrig lock whose dir's marker names another token", func() {
			free("run-h")
			write(t, filepath.Join(b, "run-h", ".benchrig-run"), MarkerText(NewToken()), 0o644)
		}},
		{"a benchrig lock whose marker is a symlink to a matching marker", func() {
			tok := NewToken()
			write(t, filepath.Join(b, "run-k.lock"), LockText(tok, 1, 0), 0o644)
			write(t, filepath.Join(a.Outside, "marker"), MarkerText(tok), 0o644)
			require.NoError(t, os.MkdirAll(filepath.Join(b, "run-k"), 0o755))
			symlink(t, filepath.Join(a.Outside, "marker"), filepath.Join(b, "run-k", ".benchrig-run"))
		}},
		{"a lock that is a directory", func() { write(t, filepath.Join(b, "run-d.lock", "x"), "keep", 0o644) }},
		{"a lock that is a FIFO", func() { require.NoError(t, syscall.Mkfifo(filepath.Join(b, "run-p.lock"), 0o644)) }},
		{"a run-* regular file", func() { write(t, filepath.Join(b, "run-notes.txt"), "mine", 0o644) }},
		{"entries not named run-*", func() {
			write(t, filepath.Join(b, "user-data", "d"), "mine", 0o644)
			symlink(t, v, filepath.Join(b, "link-to-victim"))
		}},
	}
	for _, c := range cases {
		c.make()
		a.Cases = append(a.Cases, c.name+": left alone")
	}
}

// deadRuns makes dead benchrig runs (free locks, markers that match) that
// the sweep must remove: one holding links out, a read-only tree and an
// unreadable dir; one that an interrupted run renamed; one lock whose dir
// is already gone.
func (a *Adversary) deadRuns(t testing.TB) {
	t.Helper()
	b := a.Base
	tok := NewToken()
	write(t, filepath.Join(b, "run-ok.lock"), LockText(tok, 1, 0), 0o644)
	d := filepath.Join(b, "run-ok")
	write(t, filepath.Join(d, ".benchrig-run"), MarkerText(tok), 0o644)
	write(t, filepath.Join(d, "mod", "m@v1", "go.mod"), "module m", 0o444)
	require.NoError(t, os.Chmod(filepath.Join(d, "mod", "m@v1"), 0o555))
	require.NoError(t, os.MkdirAll(filepath.Join(d, "closed", "inner"), 0o755))
	require.NoError(t, os.Chmod(filepath.Join(d, "closed"), 0o000))
	symlink(t, filepath.Join(a.Outside, "victim"), filepath.Join(d, "link-dir"))
	symlink(t, filepath.Join(a.Outside, "victim", "a.txt"), filepath.Join(d, "link-file"))
	symlink(t, "/", filepath.Join(d, "link-root"))
	write(t, filepath.Join(b, "run-ok.removing-0", ".benchrig-run"), MarkerText(tok), 0o644)
	write(t, filepath.Join(b, "run-ok.removing-0", "x"), "scratch", 0o644)
	write(t, filepath.Join(b, "run-nodir.lock"), LockText(NewToken(), 1, 0), 0o644)
	a.gone = append(a.gone, "run-ok", "run-ok.lock", "run-ok.removing-0", "run-nodir.lock")
	a.Cases = append(a.Cases,
		"a dead run holding symlinks to a victim dir, a victim file and /, a read-only tree and a mode-000 dir: swept, link targets untouched",
		"a dead run's dir renamed run-X.removing-0 by an interrupted run: swept",
		"a dead run's lock whose dir is gone: swept")
	a.tokenOK = tok
}

// victimProcs starts processes benchrig did not start that the old sweep
// matched by path: one working in the victim dir a run-* link points at,
// one whose environment names run-y, one holding a file in run-notes open,
// and one carrying the token of the dead run run-ok but started before it.
func (a *Adversary) victimProcs(t testing.TB) {
	t.Helper()
	v := filepath.Join(a.Outside, "victim")
	a.start(t, "a process working in the victim dir that run-y links to", func(c *exec.Cmd) { c.Dir = v })
	a.start(t, "a process whose environment names run-y", func(c *exec.Cmd) {
		c.Env = append(os.Environ(), "VICTIM="+filepath.Join(a.Base, "run-y"), "PATH="+filepath.Join(a.Base, "run-root")+":"+os.Getenv("PATH"))
	})
	a.start(t, "a process holding run-notes/n.txt open", func(c *exec.Cmd) {
		f, err := os.Open(filepath.Join(a.Base, "run-notes", "n.txt"))
		require.NoError(t, err)
		t.Cleanup(func() { f.Close() })
		c.ExtraFiles = []*os.File{f}
	})
	old := a.start(t, "a process carrying run-ok's token that started before run-ok", func(c *exec.Cmd) {
		c.Env = append(os.Environ(), "BENCHRIG_RUN="+a.tokenOK)
	})
	// run-ok's process started after this one: its lock says so.
	start := procStart(t, old.Process.Pid) + 1
	write(t, filepath.Join(a.Base, "run-ok.lock"), LockText(a.tokenOK, 1, start), 0o644)
	a.Cases = append(a.Cases, "processes benchrig did not start (cwd in a linked victim dir, environment naming a run-* dir, an open file in run-notes, a dead run's token but an older start): not signalled")
}

func procStart(t testing.TB, pid int) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	require.NoError(t, err)
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	v, err := strconv.ParseUint(f[19], 10, 64)
	require.NoError(t, err)
	return v
}
