package scratchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// rootCases makes what only root can: another user's dead run (lock, dir
// and marker all valid, all owned by NobodyUID) and run-* dir, another
// user's process carrying run-ok's token, and a dead run with a directory
// bind-mounted inside.
func (a *Adversary) rootCases(t testing.TB) {
	t.Helper()
	b := a.Base
	tok := NewToken()
	write(t, filepath.Join(b, "run-u.lock"), LockText(tok, 1, 0), 0o644)
	write(t, filepath.Join(b, "run-u", ".benchrig-run"), MarkerText(tok), 0o644)
	write(t, filepath.Join(b, "run-u", "data"), "theirs", 0o644)
	write(t, filepath.Join(b, "run-v", "data"), "theirs", 0o644)
	for _, p := range []string{"run-u.lock", "run-u", "run-u/.benchrig-run", "run-u/data", "run-v", "run-v/data"} {
		require.NoError(t, os.Lchown(filepath.Join(b, p), NobodyUID, NobodyUID))
	}
	a.start(t, "another user's process carrying run-ok's token", func(c *exec.Cmd) {
		c.Env = append(os.Environ(), "BENCHRIG_RUN="+a.tokenOK)
		c.SysProcAttr.Credential = &syscall.Credential{Uid: NobodyUID, Gid: NobodyUID}
	})
	a.Cases = append(a.Cases, "another user's dead run (valid lock, dir and marker, owned by uid 65534) and run-* dir: left alone",
		"another user's process carrying a dead run's token: not signalled")

	mtok := NewToken()
	src := filepath.Join(a.Outside, "mounted")
	write(t, filepath.Join(src, "ro", "m.txt"), "keep", 0o444)
	write(t, filepath.Join(b, "run-m.lock"), LockText(mtok, 1, 0), 0o644)
	write(t, filepath.Join(b, "run-m", ".benchrig-run"), MarkerText(mtok), 0o644)
	mnt := filepath.Join(b, "run-m", "mnt")
	require.NoError(t, os.Mkdir(mnt, 0o755))
	out, err := exec.Command("mount", "--bind", src, mnt).CombinedOutput()
	require.NoError(t, err, "mount --bind: %s", out)
	t.Cleanup(func() { _ = exec.Command("umount", "-l", mnt).Run() })
	a.Cases = append(a.Cases, "a dead run with a directory bind-mounted inside: the mount and what it holds left, the run kept for a later sweep")
}

// snapshot describes every entry below root (type, mode, owner, size and
// content hash or link target), not following links, skipping the
// top-level names in skip.
func snapshot(t testing.TB, root string, skip []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(root, p)
		if top, _, _ := strings.Cut(rel, string(filepath.Separator)); slices.Contains(skip, top) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		m[p] = describe(t, p)
		return nil
	})
	require.NoError(t, err)
	return m
}

func describe(t testing.TB, p string) string {
	t.Helper()
	fi, err := os.Lstat(p)
	require.NoError(t, err)
	st := fi.Sys().(*syscall.Stat_t)
	s := fmt.Sprintf("%v uid=%d size=%d", fi.Mode(), st.Uid, fi.Size())
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(p)
		require.NoError(t, err)
		s += " -> " + target
	case fi.Mode().IsRegular() && fi.Mode().Perm()&0o444 != 0:
		b, err := os.ReadFile(p)
		if err == nil {
			h := sha256.Sum256(b)
			s += " sha256=" + hex.EncodeToString(h[:8])
		}
	}
	return s
}
