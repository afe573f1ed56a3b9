package history

import (
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Revision returns the revision checked out in the git repository at dir
// and its commit time, for a run added without -rev and -time.
func Revision(dir string) (string, time.Time, error) {
	out, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%H %cI").Output()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read the revision of the code under test in %s: git log: %w; run inside the git repository of the code under test, or give -rev and -time", dir, err)
	}
	rev, at, ok := strings.Cut(strings.TrimSpace(string(out)), " ")
	t, err := time.Parse(time.RFC3339, at)
	if !ok || err != nil {
		return "", time.Time{}, fmt.Errorf("git log in %s printed %q, not a revision and a commit time; give -rev and -time", dir, out)
	}
	return rev, t, nil
}
