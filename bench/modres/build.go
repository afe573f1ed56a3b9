package modres

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/internal/child"
)

// runBuild runs `go build -mod=mode -o <Root>/bin/ <main package>` in the
// main module: it compiles what is not in GOCACHE and links the main
// package (findTarget), writing the binary to scratch.
func runBuild(goPath string, s *setup, mode string) (result, error) {
	if s.MainPkg == "" {
		return result{}, fmt.Errorf("go build in %s: the module has no main package to build", s.Tree.MainDir)
	}
	cmd := child.Command(goPath, "build", "-mod="+mode, "-o", s.BinDir+string(filepath.Separator), s.MainPkg)
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	if out, err := combinedOutput(cmd); err != nil {
		return result{}, fmt.Errorf("go build -mod=%s -o %s/ %s in %s: %w\n%s", mode, s.BinDir, s.MainPkg, cmd.Dir, err, out)
	}
	return usageOf(cmd), nil
}

// edits counts rebuild's edits in this process, so every edit (in any cell,
// with either GOCACHE) has a value no GOCACHE has seen.
var edits atomic.Int64

// editLeaf changes the leaf file as a developer would: it appends a new
// package-level variable with a new value, so the package's object changes
// (and the binary must be linked again) while its export data does not (so
// the main package is not recompiled). The file gets a real new mtime and
// is synced, so a cold op can evict it.
func editLeaf(s *setup) error {
	path := s.Leaf
	if s.leafOrig == nil {
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("rebuild: read %s: %w", path, err)
		}
		s.leafOrig = b
	}
	data := fmt.Appendf(bytes.Clone(s.leafOrig), "\nvar benchrigEdit = %d\n", edits.Add(1))
	f, err := os.Create(path)
	if err == nil {
		_, err = f.Write(data)
		err = errors.Join(err, f.Sync(), f.Close())
	}
	if err != nil {
		return fmt.Errorf("rebuild: edit %s: %w", path, err)
	}
	return nil
}

// restoreLeaf writes the leaf file back as it was and pins the main
// module's times again.
func restoreLeaf(s *setup) error {
	if s.leafOrig == nil {
		return nil
	}
	if err := os.WriteFile(s.Leaf, s.leafOrig, 0o644); err != nil {
		return fmt.Errorf("rebuild: restore %s: %w", s.Leaf, err)
	}
	s.leafOrig = nil
	return fixtures.PinTimes(s.Tree.MainDir)
}
