package platform

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
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

// KillUsing sends SIGKILL to every process [ProcsUsing] finds for dir, and
// again to any it finds later (children they started meanwhile), until none
// is left or timeout has passed. Each process is signalled through a pidfd
// opened before it is checked once more, so a recycled PID is never hit.
// It returns the IDs it signalled; the error says which were still alive.
func KillUsing(dir string, timeout time.Duration) ([]int, error) {
	dirs := matchDirs(dir)
	var killed []int
	deadline := time.Now().Add(timeout)
	for {
		pids, err := ProcsUsing(dir)
		if err != nil {
			return killed, err
		}
		if len(pids) == 0 {
			return killed, nil
		}
		if time.Now().After(deadline) {
			return killed, &os.PathError{Op: "kill processes using", Path: dir, Err: errors.New("still alive after SIGKILL: " + pidList(pids))}
		}
		for _, pid := range pids {
			if killPid(pid, dirs) && !slices.Contains(killed, pid) {
				killed = append(killed, pid)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// killPid sends SIGKILL to pid if it still uses one of dirs, through a pidfd
// so that the check and the signal name the same process.
func killPid(pid int, dirs []string) bool {
	fd, err := unix.PidfdOpen(pid, 0)
	if errors.Is(err, unix.ENOSYS) {
		return procUses(pid, dirs) && unix.Kill(pid, unix.SIGKILL) == nil
	}
	if err != nil {
		return false // gone
	}
	defer unix.Close(fd)
	if !procUses(pid, dirs) {
		return false
	}
	return unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0) == nil
}

func pidList(pids []int) string {
	s := make([]string, len(pids))
	for i, p := range pids {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, " ")
}

// Ancestors returns the IDs of this process's parent, its parent's parent
// and so on up to (not including) pid 1, read from /proc/<pid>/stat. A
// process whose stat cannot be read ends the chain.
func Ancestors() []int {
	var chain []int
	for pid := os.Getppid(); pid > 1 && len(chain) < 1024; {
		chain = append(chain, pid)
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			break
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		i := strings.LastIndexByte(string(b), ')')
		f := strings.Fields(string(b[i+1:]))
		if i < 0 || len(f) < 2 {
			break
		}
		if pid, err = strconv.Atoi(f[1]); err != nil {
			break
		}
	}
	return chain
}
