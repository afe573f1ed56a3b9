package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// proc is one line of the process table, from /proc/<pid>/stat.
type proc struct {
	pid, ppid, pgrp, sid int
	comm                 string
	state                byte
}

// procTable reads every process's stat line it can.
func procTable() []proc {
	ents, _ := os.ReadDir("/proc")
	var ps []proc
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		open, shut := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || shut < open {
			continue
		}
		f := strings.Fields(string(b[shut+1:])) // state ppid pgrp session ...
		if len(f) < 4 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		sid, _ := strconv.Atoi(f[3])
		ps = append(ps, proc{pid: pid, ppid: ppid, pgrp: pgrp, sid: sid, comm: string(b[open+1 : shut]), state: f[0][0]})
	}
	return ps
}

func procComm(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// tree is what a directory tree holds: entries, bytes, and the first few
// top-level entries and regular files.
type tree struct {
	entries, bytes int64
	top            []string
}

func treeBytes(dir string) tree {
	var t tree
	_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		t.entries++
		if rel, _ := filepath.Rel(dir, p); len(t.top) < 3 && (!strings.Contains(rel, "/") || e.Type().IsRegular()) {
			t.top = append(t.top, rel)
		}
		if fi, err := e.Info(); err == nil && e.Type().IsRegular() {
			t.bytes += fi.Size()
		}
		return nil
	})
	return t
}
