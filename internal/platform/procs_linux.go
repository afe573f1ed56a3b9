package platform

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ProcsUsing returns the IDs of the processes other than this one that use
// dir: their working directory, root, executable or an open file is dir or
// a path under it, or a value in their environment (or an element of a
// colon-separated list such as PATH) is. Processes this user may not inspect
// are not seen. Zombies, which hold nothing, are not listed.
func ProcsUsing(dir string) ([]int, error) {
	dirs := matchDirs(dir)
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	self := os.Getpid()
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		if procUses(pid, dirs) {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// matchDirs returns dir, cleaned, and its symlink-free form when that
// differs: /proc shows resolved paths, environments show what was set.
func matchDirs(dir string) []string {
	dir = filepath.Clean(dir)
	ds := []string{dir}
	if r, err := filepath.EvalSymlinks(dir); err == nil && r != dir {
		ds = append(ds, r)
	}
	return ds
}

func procUses(pid int, dirs []string) bool {
	base := "/proc/" + strconv.Itoa(pid) + "/"
	links := []string{base + "cwd", base + "root", base + "exe"}
	if fds, err := os.ReadDir(base + "fd"); err == nil {
		for _, fd := range fds {
			links = append(links, base+"fd/"+fd.Name())
		}
	}
	for _, l := range links {
		if t, err := os.Readlink(l); err == nil && under(strings.TrimSuffix(t, " (deleted)"), dirs) {
			return true
		}
	}
	env, err := os.ReadFile(base + "environ")
	if err != nil {
		return false
	}
	for _, kv := range strings.Split(string(env), "\x00") {
		_, v, _ := strings.Cut(kv, "=")
		for _, p := range strings.Split(v, ":") {
			if under(p, dirs) {
				return true
			}
		}
	}
	return false
}

// under reports whether p is one of dirs or a path inside one.
func under(p string, dirs []string) bool {
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}
