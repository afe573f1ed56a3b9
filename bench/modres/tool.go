package modres

import (
	"bytes"
	"os/exec"

	"github.com/benchrig/benchrig/internal/child"
)

// pkg is what the tests need to know about one loaded package.
type pkg struct {
	ImportPath string
	Dir        string
}

// result is the outcome of one op.
type result struct {
	Packages []pkg // loaded packages (golist, packages); nil for build
}

// tool is one way to resolve the main module's packages. Its go commands
// are children of this process (for packages, started inside
// packages.Load), so the benchmark meters them as all waited-for children.
type tool struct {
	Name string
	Run  func(goPath string, s *setup, mode string) (result, error)
}

var tools = []tool{
	{Name: "golist", Run: runGoList},
	{Name: "packages", Run: runPackages},
	{Name: "build", Run: runBuild},
}

// combinedOutput runs cmd (from child.Command) with child.Run and returns
// its standard output and standard error together, like cmd.CombinedOutput.
func combinedOutput(cmd *exec.Cmd) ([]byte, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := child.Run(cmd)
	return out.Bytes(), err
}
