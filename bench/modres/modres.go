package modres

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// ---- Knobs -----------------------------------------------------------------

// modulesEnv overrides the module counts; see doc.go.
const modulesEnv = "BENCHRIG_MODRES_MODULES"

// Default module counts: the full run and the -short run.
var (
	defaultModules = []int{10, 100}
	shortModules   = []int{10}
)

// maxModules bounds BENCHRIG_MODRES_MODULES: larger trees take minutes per
// op and more disk than a scratch dir should hold.
const maxModules = 10000

// parseModules returns the module counts selected by value, the content of
// BENCHRIG_MODRES_MODULES. An empty value selects the defaults (10 only when
// short). A set value wins over -short.
func parseModules(value string, short bool) ([]int, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		if short {
			return slices.Clone(shortModules), nil
		}
		return slices.Clone(defaultModules), nil
	}
	var counts []int
	for field := range strings.SplitSeq(value, ",") {
		field = strings.TrimSpace(field)
		n, err := strconv.Atoi(field)
		switch {
		case field == "":
			return nil, fmt.Errorf("%s=%q: empty module count; use a comma-separated list of positive integers such as \"10,100\"", modulesEnv, value)
		case err != nil:
			return nil, fmt.Errorf("%s=%q: module count %q is not an integer; use a comma-separated list of positive integers such as \"10,100\"", modulesEnv, value, field)
		case n < 1 || n > maxModules:
			return nil, fmt.Errorf("%s=%q: module count %d is out of range; each count must be in 1..%d", modulesEnv, value, n, maxModules)
		case slices.Contains(counts, n):
			return nil, fmt.Errorf("%s=%q: module count %d is listed twice; list each count once", modulesEnv, value, n)
		}
		counts = append(counts, n)
	}
	return counts, nil
}

// specFor is the tree BenchmarkResolve generates for n dependency modules.
// doc.go documents these values; keep the two in step.
func specFor(n int) fixtures.Spec {
	const packagesPerModule = 2
	return fixtures.Spec{
		Seed:              1,
		Modules:           n,
		Depth:             min(4, n),
		PackagesPerModule: packagesPerModule,
		FilesPerPackage:   4,
		BytesPerFile:      2048,
		ImportsPerPackage: min(3, n*packagesPerModule), // a package cannot import more than exist
	}
}

// needBytes is the free space a tree for spec needs: the proxy zips, the
// module cache (zips and extracted files), vendor/, the main module and a
// GOCACHE holding the compiled packages (the standard library included).
func needBytes(s fixtures.Spec) int64 {
	src := int64(s.Modules) * int64(s.PackagesPerModule) * int64(s.FilesPerPackage) * int64(s.BytesPerFile+512)
	return 10*src + 512<<20
}

// ---- The go command ----------------------------------------------------------

// goCommand is the go command found on PATH.
type goCommand struct {
	Path    string // absolute path from exec.LookPath
	Version string // `go env GOVERSION`, spaces replaced by "_"
	Err     error  // why the go command cannot be used; Path and Version are then unset
}

// findGo locates the go command on PATH and reads its version. The version
// is read with the GO* variables of the parent environment dropped and
// GOTOOLCHAIN=local, so a user's GOTOOLCHAIN or GOFLAGS cannot switch or
// break it.
func findGo() goCommand {
	path, err := exec.LookPath("go")
	if err != nil {
		return goCommand{Err: fmt.Errorf("go command not found on PATH (%v); install Go or add its bin directory to PATH", err)}
	}
	cmd := exec.Command(path, "env", "GOVERSION")
	cmd.Dir = os.TempDir()
	cmd.Env = append(withoutGoVars(os.Environ()), "GOTOOLCHAIN=local", "GOENV=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return goCommand{Err: fmt.Errorf("%s env GOVERSION: %w: %s; check that %s runs", path, err, bytes.TrimSpace(stderr.Bytes()), path)}
	}
	v := strings.Join(strings.Fields(string(out)), "_")
	if !strings.HasPrefix(v, "go") && !strings.HasPrefix(v, "devel") {
		return goCommand{Err: fmt.Errorf("%s env GOVERSION printed %q, not a Go version; check that %s is the go command", path, out, path)}
	}
	return goCommand{Path: path, Version: v}
}

// withoutGoVars returns env without any GO* variable.
func withoutGoVars(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, "GO") })
}

// ---- Setup -------------------------------------------------------------------

// setup is one generated tree, ready for every tool in both modes: its module
// cache is filled and vendor/ exists.
type setup struct {
	Tree     *fixtures.Tree
	Root     string   // the scratch dir holding everything below
	ModCache string   // private GOMODCACHE
	GoCache  string   // private GOCACHE
	Env      []string // Tree.GoEnv(ModCache, GoCache)
}

// prepare generates the tree for spec under dir/tree, fills a private module
// cache with `go mod download` and writes vendor/ with `go mod vendor`. Both
// caches live under dir.
func prepare(goCmd, dir string, spec fixtures.Spec) (*setup, error) {
	tree, err := fixtures.Generate(filepath.Join(dir, "tree"), spec)
	if err != nil {
		return nil, fmt.Errorf("generate module tree in %s: %w", dir, err)
	}
	s := &setup{
		Tree:     tree,
		Root:     dir,
		ModCache: filepath.Join(dir, "gomodcache"),
		GoCache:  filepath.Join(dir, "gocache"),
	}
	for _, d := range []string{s.ModCache, s.GoCache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", d, err)
		}
	}
	s.Env = tree.GoEnv(s.ModCache, s.GoCache)
	cmd := exec.Command(goCmd, "mod", "download")
	cmd.Dir = tree.MainDir
	cmd.Env = s.Env
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go mod download in %s: %w\n%s", tree.MainDir, err, out)
	}
	if err := tree.Vendor(s.Env); err != nil {
		return nil, fmt.Errorf("go mod vendor in %s: %w", tree.MainDir, err)
	}
	return s, nil
}

// cleanGoCache empties the GOCACHE (the module index included).
func (s *setup) cleanGoCache() error {
	if err := harness.RemoveAll(s.GoCache); err != nil {
		return fmt.Errorf("empty GOCACHE %s: %w", s.GoCache, err)
	}
	if err := os.MkdirAll(s.GoCache, 0o755); err != nil {
		return fmt.Errorf("recreate GOCACHE %s: %w", s.GoCache, err)
	}
	return nil
}

// ---- Tools -------------------------------------------------------------------

// Modes: the value of the go command's -mod flag.
const (
	modeMod    = "mod"
	modeVendor = "vendor"
)

// pkg is what the tests need to know about one loaded package.
type pkg struct {
	ImportPath string
	Dir        string
}

// result is the outcome of one op.
type result struct {
	Packages []pkg         // loaded packages (golist, packages); nil for build
	Usage    harness.Usage // the child's own usage; zero when the tool HidesChildren
}

// tool is one way to resolve the main module's packages.
type tool struct {
	Name string
	Run  func(goCmd string, s *setup, mode string) (result, error)
	// HidesChildren: the tool runs the go command where no ProcessState is
	// seen (inside packages.Load), so its usage must be metered as all
	// waited-for children of this process.
	HidesChildren bool
}

var tools = []tool{
	{Name: "golist", Run: runGoList},
	{Name: "packages", Run: runPackages, HidesChildren: true},
	{Name: "build", Run: runBuild},
}

// listPackage is the part of `go list -json` output that is kept.
type listPackage struct {
	ImportPath string
	Dir        string
	Error      *struct{ Err string }
}

// runGoList runs `go list -mod=mode -deps -json ./...` in the main module and
// decodes its JSON stream.
func runGoList(goCmd string, s *setup, mode string) (result, error) {
	cmd := exec.Command(goCmd, "list", "-mod="+mode, "-deps", "-json", "./...")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return result{}, fmt.Errorf("go list in %s: %w", cmd.Dir, err)
	}
	if err := cmd.Start(); err != nil {
		return result{}, fmt.Errorf("go list in %s: %w", cmd.Dir, err)
	}
	var pkgs []pkg
	var decodeErr error
	dec := json.NewDecoder(bufio.NewReader(stdout))
	for {
		var p listPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			decodeErr = fmt.Errorf("decode go list -json output after %d packages: %w", len(pkgs), err)
			_, _ = io.Copy(io.Discard, stdout) // let the child finish writing
			break
		}
		if p.Error != nil && decodeErr == nil {
			decodeErr = fmt.Errorf("package %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, pkg{p.ImportPath, p.Dir})
	}
	waitErr := cmd.Wait()
	if waitErr != nil {
		return result{}, fmt.Errorf("go list -mod=%s -deps -json ./... in %s: %w\n%s", mode, cmd.Dir, waitErr, stderr.Bytes())
	}
	if decodeErr != nil {
		return result{}, fmt.Errorf("go list -mod=%s in %s: %w", mode, cmd.Dir, decodeErr)
	}
	if len(pkgs) == 0 {
		return result{}, fmt.Errorf("go list -mod=%s -deps -json ./... in %s printed no packages", mode, cmd.Dir)
	}
	u, err := harness.ProcessUsage(cmd.ProcessState)
	if err != nil {
		return result{}, fmt.Errorf("usage of go list: %w", err)
	}
	return result{Packages: pkgs, Usage: u}, nil
}

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
	return result{Packages: pkgs}, nil
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

// runBuild runs `go build -mod=mode ./...` in the main module. With several
// packages go build writes nothing: it compiles into GOCACHE and discards the
// result. (-o /dev/null would be accepted but is the same as no -o.)
func runBuild(goCmd string, s *setup, mode string) (result, error) {
	cmd := exec.Command(goCmd, "build", "-mod="+mode, "./...")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	if out, err := cmd.CombinedOutput(); err != nil {
		return result{}, fmt.Errorf("go build -mod=%s ./... in %s: %w\n%s", mode, cmd.Dir, err, out)
	}
	u, err := harness.ProcessUsage(cmd.ProcessState)
	if err != nil {
		return result{}, fmt.Errorf("usage of go build: %w", err)
	}
	return result{Usage: u}, nil
}
