package modres

import (
	"bytes"
	"os/exec"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/peakrss"
)

// pkg is what the tests need to know about one loaded package.
type pkg struct {
	ImportPath string
	Dir        string
}

// result is the outcome of one op.
type result struct {
	Packages []pkg  // loaded packages (golist, packages); nil for build
	MaxRSS   int64  // peak RSS of the go command's process tree, bytes; 0 when not known
	NoRSS    string // why MaxRSS is not known; "" when it is
}

// tool is one way to resolve the main module's packages. Its go commands
// are children of this process (for packages, started inside
// packages.Load), so the benchmark meters them as all waited-for children.
type tool struct {
	Name string
	Run  func(goPath string, s *setup, mode string) (result, error)
	// Edit, when set, changes the tree before each op (untimed, not
	// metered); Restore undoes every edit when the sub-benchmark ends.
	Edit    func(s *setup) error
	Restore func(s *setup) error
	// Traced: the tool runs the go command it is given, so an untimed
	// pass under strace can count its opens (opens/op).
	Traced bool
	// GoCaches: the tool has the gocache=disk|tmpfs axis.
	GoCaches bool
	// Caches are the cache states the tool runs in; nil means all.
	// ShortCaches, when set, replace them under -short.
	Caches, ShortCaches []string
}

var tools = []tool{
	{Name: "golist", Run: runGoList, Traced: true},
	{Name: "packages", Run: runPackages},
	// build's clean op compiles the runtime too (several seconds of CPU),
	// too slow for a -short smoke run.
	{Name: "build", Run: runBuild, Traced: true, GoCaches: true, ShortCaches: []string{cacheWarm, cacheCold}},
	// rebuild's clean state would be build's clean state: a full build.
	{Name: "rebuild", Run: runBuild, Traced: true, GoCaches: true, Edit: editLeaf, Restore: restoreLeaf, Caches: []string{cacheWarm, cacheCold}},
}

// usageOf returns the peak RSS part of a result for a finished command.
func usageOf(cmd *exec.Cmd) result {
	n, err := peakrss.Of(cmd.ProcessState)
	if err != nil {
		return result{NoRSS: err.Error()}
	}
	return result{MaxRSS: n}
}

// combinedOutput runs cmd (from child.Command) with child.Run and returns
// its standard output and standard error together, like cmd.CombinedOutput.
func combinedOutput(cmd *exec.Cmd) ([]byte, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := child.Run(cmd)
	return out.Bytes(), err
}
