package scratch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// procStat is what /proc/<pid>/stat says of a process.
type procStat struct {
	ppid  int
	start uint64 // clock ticks since boot
}

// readProcStat reads /proc/<pid>/stat. The command name may hold spaces and
// parentheses, so fields are counted from the last ')'.
func readProcStat(pid int) (procStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: no ')'", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: %d fields after the name, want 20 or more", pid, len(f))
	}
	ppid, err1 := strconv.Atoi(f[1])
	start, err2 := strconv.ParseUint(f[19], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return procStat{}, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return procStat{ppid: ppid, start: start}, nil
}

// procStart returns a process's start time in clock ticks since boot.
func procStart(pid int) (uint64, error) {
	st, err := readProcStat(pid)
	return st.start, err
}

// ancestorsOf returns pid's parent, its parent's parent and so on up to
// (not including) pid 1.
func ancestorsOf(pid int) []int {
	var chain []int
	for len(chain) < 1024 {
		st, err := readProcStat(pid)
		if err != nil || st.ppid <= 1 {
			break
		}
		chain = append(chain, st.ppid)
		pid = st.ppid
	}
	return chain
}

// marked reports whether pid is a process of the run li describes: it runs
// as this user, started no earlier than the run's process, and carries the
// run's token in its environment.
func marked(pid int, li lockInfo) bool {
	st, err := readProcStat(pid)
	if err != nil || st.start < li.start {
		return false
	}
	var fi syscall.Stat_t
	if err := syscall.Stat("/proc/"+strconv.Itoa(pid), &fi); err != nil || int(fi.Uid) != os.Geteuid() {
		return false
	}
	env, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	want := EnvToken + "=" + li.token
	return slices.Contains(strings.Split(string(env), "\x00"), want)
}

// markedProcs returns the processes other than this one that [marked]
// accepts for li.
func markedProcs(li lockInfo) ([]int, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err == nil && pid != os.Getpid() && marked(pid, li) {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// killMarked sends SIGKILL to every process of the run li describes (see
// [marked]), and again to any found later (children started meanwhile),
// until none is left or timeout has passed. Each is signalled through a
// pidfd opened before it is checked once more, so a recycled pid is never
// hit. It returns the pids it signalled; the error names those still alive.
func killMarked(li lockInfo, timeout time.Duration) ([]int, error) {
	var killed []int
	deadline := time.Now().Add(timeout)
	for {
		pids, err := markedProcs(li)
		if err != nil || len(pids) == 0 {
			return killed, err
		}
		if time.Now().After(deadline) {
			return killed, fmt.Errorf("processes of run %s still alive after SIGKILL: %v", li.token, pids)
		}
		for _, pid := range pids {
			if killPid(pid, li) && !slices.Contains(killed, pid) {
				killed = append(killed, pid)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// killPid sends SIGKILL to pid if it is still a process of li's run.
func killPid(pid int, li lockInfo) bool {
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		return false // gone, or no pidfd (Linux < 5.3): never signal by bare pid
	}
	defer unix.Close(fd)
	return marked(pid, li) && unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0) == nil
}

// KillOwn kills the processes this process's runs started that are still
// alive (a grandchild that left its child's process group, say), by the
// rule the sweep uses, and returns their pids.
func KillOwn(timeout time.Duration) ([]int, error) {
	start, err := procStart(os.Getpid())
	if err != nil {
		return nil, err
	}
	return killMarked(lockInfo{token: Token(), pid: os.Getpid(), start: start}, timeout)
}
