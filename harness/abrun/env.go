package abrun

import (
	"context"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// Machine returns the machine label: BENCHRIG_MACHINE, else the hostname
// (the harness's machine: config default), else "unknown".
func Machine() string {
	if m := os.Getenv("BENCHRIG_MACHINE"); m != "" {
		return m
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "unknown"
}

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
