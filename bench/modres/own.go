package modres

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// badModuleError is why the user's module (BENCHRIG_MODRES_MODULE) cannot
// run as tree=own: the cells of tree=own skip with it, naming the variable,
// the cause and the fix.
type badModuleError struct {
	Dir, Cause, Fix string
}

func (e *badModuleError) Error() string {
	return fmt.Sprintf("%s=%s: %s; %s", moduleEnv, e.Dir, e.Cause, e.Fix)
}

// ownModule is the user's module as checkModule found it.
type ownModule struct {
	Dir   string // as BENCHRIG_MODRES_MODULE gives it: absolute, cleaned
	Path  string // the module path of its go.mod
	Bytes int64  // what copyTree copies of it (copySkip)
}

// fixModuleDir is the fix for a value that names no module root.
const fixModuleDir = "set it to the directory that holds your module's go.mod (go env GOMOD in the module prints the file)"

// checkModule checks what can be checked of the user's module without
// running the go command: a directory with go.mod and go.sum, outside any
// workspace (no go.work in it or a parent, GOWORK unset or off, as getenv
// reads it), whose go.mod parses and replaces no module by a local
// directory. It only reads. A problem is a *badModuleError.
func checkModule(dir string, getenv func(string) string) (*ownModule, error) {
	bad := func(cause, fix string) error { return &badModuleError{dir, cause, fix} }
	if fi, err := os.Stat(dir); err != nil {
		return nil, bad(fmt.Sprintf("not a directory (%v)", err), fixModuleDir)
	} else if !fi.IsDir() {
		return nil, bad("not a directory", fixModuleDir)
	}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil, bad(fmt.Sprintf("no go.mod (%v)", err), fixModuleDir)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.sum")); err != nil {
		return nil, bad(fmt.Sprintf("no go.sum (%v), so the dependencies cannot be verified (or there are none to vendor)", err), "run go mod tidy in "+dir+" first")
	}
	if v := getenv("GOWORK"); v != "" && v != "off" {
		return nil, bad("GOWORK="+v+" is set: your go commands resolve through that workspace, not through the module alone", "unset GOWORK (or set GOWORK=off) for the run")
	}
	if work := findGoWork(dir); work != "" {
		return nil, bad("the module is inside the workspace "+work+": your go commands resolve through it, not through the module alone", "copy the module out of the workspace and set "+moduleEnv+" to the copy")
	}
	f, err := modfile.Parse(filepath.Join(dir, "go.mod"), data, nil)
	if err != nil {
		return nil, bad(fmt.Sprintf("go.mod does not parse: %v", err), "fix go.mod (go mod tidy in "+dir+" reports the line)")
	}
	if f.Module == nil {
		return nil, bad("go.mod has no module line", "add one (go mod init in "+dir+")")
	}
	var local []string
	for _, r := range f.Replace {
		if r.New.Version == "" {
			local = append(local, r.Old.Path+" => "+r.New.Path)
		}
	}
	if len(local) > 0 {
		return nil, bad("go.mod replaces modules by local directories, which the copy in scratch cannot use: "+strings.Join(local, ", "),
			"drop those replace lines (or replace by a version in the module cache) in a copy of the module and point "+moduleEnv+" at the copy")
	}
	m := &ownModule{Dir: dir, Path: f.Module.Mod.Path}
	if m.Bytes, err = treeBytes(dir, m.copySkip); err != nil {
		return nil, bad(fmt.Sprintf("cannot be read: %v", err), "make every file of the module readable")
	}
	return m, nil
}

// needBytes is the free space tree=own asks for: the copy, and room for the
// dependencies (extracted into the private module cache and copied to
// vendor/) and GOCACHE, which cannot be known before go mod download.
func (m *ownModule) needBytes() int64 { return 2*m.Bytes + 2<<30 }

// findGoWork returns the first go.work in dir or a parent of dir, "" when
// there is none.
func findGoWork(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "go.work")); err == nil && !fi.IsDir() {
			return filepath.Join(d, "go.work")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// copySkip is what the copy of the module leaves out: vendor/ at its root
// (the run makes its own with go mod vendor), every .git, and every nested
// module (a directory below the root with its own go.mod), none of which is
// part of the module's packages.
func (m *ownModule) copySkip(rel string, d fs.DirEntry) bool {
	if !d.IsDir() {
		return false
	}
	if rel == "vendor" || d.Name() == ".git" {
		return true
	}
	_, err := os.Stat(filepath.Join(m.Dir, rel, "go.mod"))
	return err == nil
}
