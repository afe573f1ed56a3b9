package history

import (
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Revision returns the full revision rev names (HEAD when empty) in the
// git repository at dir and its commit time, for a run added without -rev
// or -time.
func Revision(dir, rev string) (string, time.Time, error) {
	if rev == "" {
		rev = "HEAD"
	}
	out, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%H %cI", rev, "--").Output()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read revision %s of the code under test in %s: git log: %w; run inside the git repository of the code under test, or give -rev and -time", rev, dir, err)
	}
	rev, at, ok := strings.Cut(strings.TrimSpace(string(out)), " ")
	t, err := time.Parse(time.RFC3339, at)
	if !ok || err != nil {
		return "", time.Time{}, fmt.Errorf("git log in %s printed %q, not a revision and a commit time; give -rev and -time", dir, out)
	}
	return rev, t, nil
}
