package modres

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// prepareOwnIn finds the user's module cache with userModCache (environ is
// the user's environment), then prepares m in dir with prepareOwn.
func prepareOwnIn(goPath, dir string, m *ownModule, environ []string, goCache string) (*setup, error) {
	probe := filepath.Join(dir, "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		return nil, fmt.Errorf("tree=own: %w", err)
	}
	cache, err := userModCache(goPath, probe, environ)
	if errors.Is(err, errors.ErrUnsupported) {
		return nil, &badModuleError{m.Dir, err.Error(), "run tree=own on Linux"}
	} else if err != nil {
		return nil, &badModuleError{m.Dir, "cannot serve its dependencies: " + err.Error(), "run go mod download in " + m.Dir + " first"}
	}
	return prepareOwn(goPath, dir, m, filepath.Join(cache, "cache", "download"), goCache)
}

// prepareOwn readies the user's module m as a tree: a copy under dir/tree/app
// (copySkip; every file and directory at fixtures.FileTime; the original is
// only read), its dependencies served read-only from proxy (the download
// dir of the user's module cache, in the file-proxy layout) into a private
// module cache, vendor/ made by go mod vendor, and go list run once in both
// modes, so a module that does not load skips before any timed op (the
// build check waits for the first cell that links: checkBuilds).
// A problem with the module is a *badModuleError.
func prepareOwn(goPath, dir string, m *ownModule, proxy, goCache string) (*setup, error) {
	if rel, err := filepath.Rel(m.Dir, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, &badModuleError{m.Dir, "the scratch dir " + dir + " is inside the module, so the copy would copy itself", "set BENCHRIG_DIR to a directory outside the module"}
	}
	treeDir := filepath.Join(dir, "tree")
	mainDir := filepath.Join(treeDir, "app")
	if err := os.Mkdir(treeDir, 0o755); err != nil {
		return nil, fmt.Errorf("tree=own: %w", err)
	}
	if _, err := copyTree(m.Dir, mainDir, m.copySkip); err != nil {
		return nil, fmt.Errorf("tree=own: %w", err)
	}
	if err := fixtures.PinTimes(mainDir); err != nil {
		return nil, err
	}
	tree := &fixtures.Tree{Root: treeDir, ProxyDir: proxy, MainDir: mainDir, MainModule: m.Path}
	s, err := newSetup(tree, dir, goCache)
	if err != nil {
		return nil, err
	}
	if err := s.fill(); err != nil {
		return nil, m.classify(err, proxy)
	}
	for _, mode := range modes {
		if _, err := runGoList(goPath, s, mode); err != nil {
			return nil, m.doesNotBuild(err)
		}
	}
	s.own, s.builds = m, new(buildCheck)
	return s, nil
}

// buildCheck is tree=own's build in each mode, run once.
type buildCheck struct {
	once sync.Once
	err  error
}

// checkBuilds builds tree=own's main package once in each mode, so a module
// that does not build skips its build and rebuild cells before any is
// timed. The first cell that links calls it: a run that selects no build
// cell compiles nothing. It returns nil for a preset or a module without a
// main package, and a *badModuleError for a module that does not build.
func (s *setup) checkBuilds(goPath string) error {
	if s.builds == nil || s.MainPkg == "" {
		return nil
	}
	s.builds.once.Do(func() {
		defer harness.Progress("modres: tree=own: building " + s.MainPkg + " in each mode")()
		for _, mode := range modes {
			if _, err := runBuild(goPath, s, mode); err != nil {
				s.builds.err = s.own.doesNotBuild(err)
				return
			}
		}
	})
	return s.builds.err
}

// missingRE matches what the go command says of a module version the file
// proxy does not hold.
var missingRE = regexp.MustCompile(`(\S+@\S+): reading file://\S+: no such file or directory`)

// classify turns a failure of setup.fill on the copy into the skip it is.
func (m *ownModule) classify(err error, proxy string) error {
	var ge *fixtures.GoError
	if !errors.As(err, &ge) {
		return err
	}
	if slices.Equal(ge.Args, []string{"mod", "download"}) {
		var missing []string
		for _, sub := range missingRE.FindAllStringSubmatch(ge.Stderr, -1) {
			if !slices.Contains(missing, sub[1]) {
				missing = append(missing, sub[1])
			}
		}
		if len(missing) > 0 {
			return &badModuleError{m.Dir, "dependencies not in the module cache (" + filepath.Dir(filepath.Dir(proxy)) + "): " + strings.Join(missing, ", "),
				"run go mod download in " + m.Dir + " (with network access) first"}
		}
	}
	return m.doesNotBuild(err)
}

// doesNotBuild is the skip for a go command that fails on the copy.
func (m *ownModule) doesNotBuild(err error) error {
	msg := strings.TrimSpace(err.Error())
	if lines := strings.Split(msg, "\n"); len(lines) > 6 {
		msg = strings.Join(lines[:6], "\n") + "\n..."
	}
	return &badModuleError{m.Dir, "does not build: " + msg, "run go build ./... and go mod vendor in a copy of " + m.Dir + " and fix what they report"}
}

// userModCache returns the user's module cache as the user's own go env
// GOMODCACHE reports it, and checks that it has the download dir (the file
// proxy layout) that serves tree=own's dependencies. The probe runs in dir
// (scratch) with the user's environment (environ) but probeEnv's changes,
// so it only reads.
func userModCache(goPath, dir string, environ []string) (string, error) {
	env, err := probeEnv(dir, environ)
	if err != nil {
		return "", err
	}
	out, err := goOutput(goPath, dir, env, "env", "GOMODCACHE")
	if err != nil {
		return "", err
	}
	cache := strings.TrimSpace(string(out))
	if cache == "" {
		return "", fmt.Errorf("%s env GOMODCACHE printed nothing; check your go env", goPath)
	}
	if fi, err := os.Stat(filepath.Join(cache, "cache", "download")); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("the module cache %s (go env GOMODCACHE) has no cache/download dir to serve the dependencies from", cache)
	}
	return cache, nil
}

// probeEnv is environ for the go env probe of userModCache: GOTOOLCHAIN=local
// (no toolchain download), TMPDIR and GOTMPDIR in dir/tmp, and the user
// config dir at dir/config with go telemetry off there (the go command
// writes counter files in the config dir and reads its telemetry mode from
// a file, not from GOTELEMETRY), while GOENV still names the user's go env
// file and HOME, GOPATH and GOMODCACHE stay as they are, so the answer is
// the user's.
func probeEnv(dir string, environ []string) ([]string, error) {
	confVar := "XDG_CONFIG_HOME"
	switch runtime.GOOS {
	case "windows":
		confVar = "APPDATA"
	case "darwin", "ios", "plan9":
		return nil, fmt.Errorf("tree=own needs a go env probe that writes nothing, and on %s the go command's config dir follows HOME: %w", runtime.GOOS, errors.ErrUnsupported)
	}
	get := func(name string) string {
		for i := len(environ) - 1; i >= 0; i-- {
			if k, v, _ := strings.Cut(environ[i], "="); sameVar(k, name) {
				return v
			}
		}
		return ""
	}
	goenv := get("GOENV")
	if goenv == "" {
		conf := get(confVar)
		if runtime.GOOS != "windows" && !filepath.IsAbs(conf) {
			conf = filepath.Join(get("HOME"), ".config") // as os.UserConfigDir
		}
		goenv = filepath.Join(conf, "go", "env")
	}
	conf, tmp := filepath.Join(dir, "config"), filepath.Join(dir, "tmp")
	mode := filepath.Join(conf, "go", "telemetry", "mode")
	err := errors.Join(os.MkdirAll(tmp, 0o755), os.MkdirAll(filepath.Dir(mode), 0o755))
	if err == nil {
		err = os.WriteFile(mode, []byte("off\n"), 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("go env probe in %s: %w", dir, err)
	}
	set := map[string]string{"GOTOOLCHAIN": "local", "GOENV": goenv, "TMPDIR": tmp, "GOTMPDIR": tmp, confVar: conf, "GOTELEMETRY": "off"}
	env := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		for name := range set {
			if sameVar(k, name) {
				return true
			}
		}
		return false
	})
	for _, k := range slices.Sorted(maps.Keys(set)) {
		env = append(env, k+"="+set[k])
	}
	return env, nil
}

// sameVar reports whether a and b name the same environment variable, as
// the operating system compares names.
func sameVar(a, b string) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
