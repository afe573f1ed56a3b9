package testutil

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// ReadOnly makes path, a file or a directory, unwritable to this process
// until tb ends: chmod a-w for an ordinary user; for root, whom
// permissions do not stop, chattr +i (the immutable flag, on file systems
// that have it), undone before the test's temp dirs are removed. It skips
// tb, with the reason, when path stays writable all the same; .ci/run runs
// such tests as an unprivileged user too.
func ReadOnly(tb testing.TB, path string) {
	tb.Helper()
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			tb.Skipf("root writes through file permissions, and chattr +i %s failed (%v: %s); run this test as an unprivileged user", path, err, out)
		}
		tb.Cleanup(func() {
			out, err := exec.Command("chattr", "-i", path).CombinedOutput()
			require.NoError(tb, err, "chattr -i %s: %s", path, out)
		})
	} else {
		fi, err := os.Stat(path)
		require.NoError(tb, err)
		require.NoError(tb, os.Chmod(path, fi.Mode().Perm()&^0o222))
		tb.Cleanup(func() { require.NoError(tb, os.Chmod(path, fi.Mode().Perm())) })
	}
	if err := writable(path); err == nil {
		tb.Skipf("%s is still writable to this process after chattr +i or chmod a-w; run this test as an unprivileged user on a local file system", path)
	}
}

// writable reports, by trying, whether this process may write the file or
// create a file in the directory path.
func writable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		return f.Close()
	}
	probe := filepath.Join(path, ".benchrig-write-probe")
	f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	return errors.Join(f.Close(), os.Remove(probe))
}
