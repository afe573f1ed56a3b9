package abrun

import (
	"context"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// benchrigModule is the module whose benchmarks live under ./bench.
const benchrigModule = "github.com/benchrig/benchrig"

// DefaultPattern returns the package pattern run and ab use without -pkg:
// ./bench/... in benchrig itself, ./... in any other module.
func DefaultPattern(ctx context.Context, dir string) string {
	gomod, err := goCmd(ctx, dir, "env", "GOMOD")
	if err == nil && filepath.IsAbs(gomod) {
		if b, err := os.ReadFile(gomod); err == nil && modfile.ModulePath(b) == benchrigModule {
			return "./bench/..."
		}
	}
	return "./..."
}
