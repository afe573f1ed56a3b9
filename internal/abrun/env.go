package abrun

import (
	"context"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// benchrigModule is the module whose benchmarks live under ./bench.
const benchrigModule = "github.com/benchrig/benchrig"

// defaultPattern returns the package pattern run, ab and their configs use
// when none is given (-pkg): ./bench/... in benchrig itself, ./... in any
// other module. dir is a directory of the module.
func (s *Scratch) defaultPattern(ctx context.Context, dir string) string {
	gomod, err := s.goCmd(ctx, dir, "env", "GOMOD")
	if err == nil && filepath.IsAbs(gomod) {
		if b, err := os.ReadFile(gomod); err == nil && modfile.ModulePath(b) == benchrigModule {
			return "./bench/..."
		}
	}
	return "./..."
}
