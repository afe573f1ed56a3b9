package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
)

// What a signalled run of TestKillMatrix is doing and what it left: the
// points it reaches, its processes, and the cleanup between cells.

// await polls until the run reaches p (true) or ends first (false).
func (k *killRun) await(p killPoint, done chan error) bool {
	for {
		select {
		case err := <-done:
			done <- err
			return false
		case <-time.After(5 * time.Millisecond):
			if p.reached(k) {
				return true
			}
		}
	}
}

// sharedFileGrowing reports whether a regular file under a shared-* dir of
// the run (a data file or a generated module tree) exists with data in it.
func (k *killRun) sharedFileGrowing() bool {
	found := false
	dirs, _ := filepath.Glob(filepath.Join(k.base, runPrefix+"*", sharedPref+"*"))
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				if fi, err := e.Info(); err == nil && fi.Size() > 0 {
					found = true
					return filepath.SkipAll
				}
			}
			return nil
		})
	}
	return found
}

// goChild reports whether a go command runs among the run's descendants.
func (k *killRun) goChild() bool {
	ps := procTable()
	parent := map[int]int{}
	for _, pr := range ps {
		parent[pr.pid] = pr.ppid
	}
	for _, pr := range ps {
		if pr.comm != "go" {
			continue
		}
		for p, hops := pr.ppid, 0; p > 1 && hops < 64; p, hops = parent[p], hops+1 {
			if p == k.cmd.Process.Pid {
				return true
			}
		}
	}
	return false
}

// ours lists the processes still alive that belong to the signalled run:
// in its process group, or using its BENCHRIG_DIR, HOME or TMPDIR.
func (k *killRun) ours(pgid int) []string {
	var left []string
	for _, pr := range procTable() {
		if pr.pgrp == pgid && pr.state != 'Z' {
			left = append(left, fmt.Sprintf("%d(%s)", pr.pid, pr.comm))
		}
	}
	for _, d := range []string{k.base, k.home, k.tmp} {
		pids, _ := platform.ProcsUsing(d)
		for _, p := range pids {
			left = append(left, fmt.Sprintf("%d(%s)", p, procComm(p)))
		}
	}
	slices.Sort(left)
	return slices.Compact(left)
}

// cleanup kills whatever the run left, so one cell cannot spoil the next.
func (k *killRun) cleanup(pgid int) {
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	for _, d := range []string{k.base, k.home, k.tmp} {
		pids, _ := platform.ProcsUsing(d)
		for _, p := range pids {
			_ = syscall.Kill(p, syscall.SIGKILL)
		}
		_ = RemoveAll(d)
	}
}
