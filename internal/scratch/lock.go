package scratch

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	// Prefix starts the name of every run dir and run lock in BENCHRIG_DIR.
	Prefix = "run-"
	// LockSuffix ends a run lock's name: run-X.lock is the lock of run-X.
	LockSuffix = ".lock"
	// MarkerName is the marker file inside every run dir.
	MarkerName = ".benchrig-run"
	// removingInfix names a run dir an interrupted run renamed before
	// removing it: run-X.removing-N belongs to run-X.lock.
	removingInfix = ".removing-"

	lockHeader   = "benchrig run lock 1"
	markerHeader = "benchrig run dir 1"
)

// lockInfo is what a run lock records.
type lockInfo struct {
	token string
	pid   int
	start uint64 // the process's start time, clock ticks since boot
}

// lockContent returns the text of a new run lock.
func lockContent(li lockInfo) []byte {
	return fmt.Appendf(nil, "%s\ntoken %s\npid %d start %d\nargs %q\nstarted %s\n",
		lockHeader, li.token, li.pid, li.start, os.Args, time.Now().UTC().Format(time.RFC3339))
}

// markerContent returns the text of the marker of a run dir with token.
func markerContent(token string) []byte {
	return fmt.Appendf(nil, "%s\ntoken %s\n", markerHeader, token)
}

// parseLock reads a run lock's text; ok is false for anything benchrig did
// not write.
func parseLock(b []byte) (li lockInfo, ok bool) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	if !sc.Scan() || sc.Text() != lockHeader {
		return li, false
	}
	var haveToken, havePid bool
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "token" && validToken(f[1]):
			li.token, haveToken = f[1], true
		case len(f) == 4 && f[0] == "pid" && f[2] == "start":
			pid, err1 := strconv.Atoi(f[1])
			start, err2 := strconv.ParseUint(f[3], 10, 64)
			li.pid, li.start, havePid = pid, start, err1 == nil && err2 == nil && pid > 0
		}
	}
	return li, haveToken && havePid
}

// markerToken returns the token a marker's text names, "" when it is not a
// marker.
func markerToken(b []byte) string {
	lines := strings.Split(string(b), "\n")
	if len(lines) < 2 || lines[0] != markerHeader {
		return ""
	}
	t, ok := strings.CutPrefix(lines[1], "token ")
	if !ok || !validToken(t) {
		return ""
	}
	return t
}

func validToken(t string) bool {
	if len(t) != 32 {
		return false
	}
	for _, c := range t {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// lockStem returns the run dir name a dir entry belongs to: run-X for
// run-X and for run-X.removing-N.
func lockStem(name string) string {
	if i := strings.LastIndex(name, removingInfix); i > 0 {
		if _, err := strconv.Atoi(name[i+len(removingInfix):]); err == nil {
			return name[:i]
		}
	}
	return name
}

// pidOfName returns the pid a run name (run-[<name>-]<timestamp>-<pid>, or
// its lock's name) ends in.
func pidOfName(name string) (int, bool) {
	name = lockStem(strings.TrimSuffix(name, LockSuffix))
	pid, err := strconv.Atoi(name[strings.LastIndexByte(name, '-')+1:])
	return pid, err == nil && pid > 0
}
