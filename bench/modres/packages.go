package modres

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// noRSSPackages is why the packages tool has no maxrss-B/op.
const noRSSPackages = "go/packages starts its go commands itself, and the usage of all children together (RUSAGE_CHILDREN) has only a lifetime maximum RSS, not one per op"

// packagesMode is what the packages tool asks go/packages for.
const packagesMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule

// packagesConfig is the go/packages configuration for mode. -mod=mode is
// passed twice: as Config.BuildFlags, which go/packages puts on its `go list`
// command line, and in GOFLAGS in Config.Env, which every go command it
// starts inherits. Either alone selects the mode (TestPackagesModeFlag).
func packagesConfig(s *setup, mode string) *packages.Config {
	return &packages.Config{
		Mode:       packagesMode,
		Dir:        s.Tree.MainDir,
		Env:        withGoFlag(s.Env, "-mod="+mode),
		BuildFlags: []string{"-mod=" + mode},
	}
}

// runPackages loads ./... with go/packages, configured by packagesConfig.
func runPackages(_ string, s *setup, mode string) (result, error) {
	return loadPackages(packagesConfig(s, mode), mode)
}

// loadPackages runs packages.Load(cfg, "./...") and checks that no package
// carries an error.
func loadPackages(cfg *packages.Config, mode string) (result, error) {
	roots, err := packages.Load(cfg, "./...")
	if err != nil {
		return result{}, fmt.Errorf("go/packages Load -mod=%s ./... in %s: %w", mode, cfg.Dir, err)
	}
	var pkgs []pkg
	var errs []error
	packages.Visit(roots, nil, func(p *packages.Package) {
		dir := ""
		if len(p.GoFiles) > 0 {
			dir = filepath.Dir(p.GoFiles[0])
		}
		pkgs = append(pkgs, pkg{p.PkgPath, dir})
		for _, e := range p.Errors {
			errs = append(errs, fmt.Errorf("package %s: %v", p.PkgPath, e))
		}
	})
	if len(errs) > 0 {
		return result{}, fmt.Errorf("go/packages Load -mod=%s ./... in %s: %d package errors: %w", mode, cfg.Dir, len(errs), errors.Join(errs[:min(len(errs), 5)]...))
	}
	if len(pkgs) == 0 {
		return result{}, fmt.Errorf("go/packages Load -mod=%s ./... in %s returned no packages", mode, cfg.Dir)
	}
	return result{Packages: pkgs, NoRSS: noRSSPackages}, nil
}

// withGoFlag returns a copy of env whose GOFLAGS also holds flag.
func withGoFlag(env []string, flag string) []string {
	out := slices.Clone(env)
	for i, kv := range out {
		if v, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			out[i] = "GOFLAGS=" + strings.TrimSpace(v+" "+flag)
			return out
		}
	}
	return append(out, "GOFLAGS="+flag)
}
