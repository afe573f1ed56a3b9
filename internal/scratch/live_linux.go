package scratch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/benchrig/benchrig/internal/platform"
)

// LiveRuns returns the names of the other runs live in base: run locks that
// another process holds, counted once per run. Not counted: own, the lock
// this process holds; the locks of this process's ancestors (a command
// that started this process and waits for it does not compete with it);
// and a lock whose process descends from another live lock's process (a
// benchmark binary that a runner started is part of the runner's run).
func LiveRuns(base, own string) []string {
	if base == "" {
		return nil
	}
	locks, err := filepath.Glob(filepath.Join(base, Prefix+"*"+LockSuffix))
	if err != nil {
		return nil
	}
	self := append(ancestorsOf(os.Getpid()), os.Getpid())
	held := map[int]string{} // pid → lock name; 0 for names without a pid
	var anon []string
	for _, l := range locks {
		name := strings.TrimSuffix(filepath.Base(l), LockSuffix)
		pid, ok := pidOfName(name)
		if l == own || ok && slices.Contains(self, pid) || !lockHeld(l) {
			continue
		}
		if !ok {
			anon = append(anon, name)
			continue
		}
		held[pid] = name
	}
	var live []string
	for pid, name := range held {
		if !slices.ContainsFunc(ancestorsOf(pid), func(a int) bool { _, ok := held[a]; return ok }) {
			live = append(live, name)
		}
	}
	live = append(live, anon...)
	slices.Sort(live)
	return live
}

// lockHeld reports whether another process holds the lock at path; a lock
// this probe takes is released at once.
func lockHeld(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return false // gone: its run ended
	}
	defer f.Close()
	return errors.Is(platform.Flock(f, true), platform.ErrWouldBlock)
}
