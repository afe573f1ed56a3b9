package modres

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/module"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
)

// The family config lines of the module cache layout (claim C3), from the
// go command's own go mod download into an empty private module cache.
const (
	// keyExtracted: what <GOMODCACHE>/<module>@<version> is: dir,
	// symlink or other.
	keyExtracted = "modcache-extracted"
	// keyInfo: the JSON field names of cache/download/<module>/@v/
	// <version>.info, lowercase, sorted, comma-separated (e.g.
	// time,version), followed by h1-hash when any field holds a go.sum
	// style h1: hash.
	keyInfo = "modcache-info"
)

// layoutSpec is the one-module tree the layout probe downloads.
var layoutSpec = fixtures.Spec{Seed: 1, Modules: 1, Depth: 1, PackagesPerModule: 1, FilesPerPackage: 1, BytesPerFile: 0, ImportsPerPackage: 1}

// layoutConfig returns the layout config lines, probed once before any
// result: a one-module tree is generated in a locked dir of its own in
// BENCHRIG_DIR, go mod download fills a private module cache from its file
// proxy, the cache is inspected and the dir removed. On failure the lines
// are left out (printed as unknown) and a note says why.
func layoutConfig(g goCommand) []harness.Config {
	if g.Err != nil {
		return nil
	}
	d, err := harness.NewLockedDir("layoutprobe", os.Stderr, nil)
	if err == nil {
		defer d.Close()
		var extracted, info string
		if extracted, info, err = probeLayout(d.Dir); err == nil {
			return []harness.Config{{Key: keyExtracted, Value: extracted}, {Key: keyInfo, Value: info}}
		}
	}
	harness.Note("%s and %s unknown: %v", keyExtracted, keyInfo, err)
	return nil
}

// probeLayout downloads layoutSpec's one module into a private module
// cache under dir and inspects it.
func probeLayout(dir string) (extracted, info string, err error) {
	tree, err := fixtures.Generate(filepath.Join(dir, "tree"), layoutSpec)
	if err != nil {
		return "", "", fmt.Errorf("module cache layout probe: %w", err)
	}
	s, err := newSetup(tree, dir, filepath.Join(dir, "gocache"))
	if err != nil {
		return "", "", fmt.Errorf("module cache layout probe: %w", err)
	}
	if _, err := tree.Go(withGoFlag(s.Env, "-mod=mod"), "mod", "download"); err != nil {
		return "", "", fmt.Errorf("module cache layout probe: %w", err)
	}
	sum, err := os.ReadFile(filepath.Join(tree.MainDir, "go.sum"))
	if err != nil {
		return "", "", fmt.Errorf("module cache layout probe: %w", err)
	}
	f := strings.Fields(string(sum))
	if len(f) < 2 {
		return "", "", fmt.Errorf("module cache layout probe: %s/go.sum names no module", tree.MainDir)
	}
	return inspectLayout(s.ModCache, f[0], f[1])
}

// inspectLayout says what modCache holds for module path at version: what
// the extracted dir is and which fields its .info file has (see keyInfo).
func inspectLayout(modCache, path, version string) (extracted, info string, err error) {
	escPath, err := module.EscapePath(path)
	if err != nil {
		return "", "", err
	}
	escVersion, err := module.EscapeVersion(version)
	if err != nil {
		return "", "", err
	}
	fi, err := os.Lstat(filepath.Join(modCache, escPath+"@"+escVersion))
	if err != nil {
		return "", "", fmt.Errorf("module cache layout: %w", err)
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		extracted = "symlink"
	case fi.IsDir():
		extracted = "dir"
	default:
		extracted = "other"
	}
	infoPath := filepath.Join(modCache, "cache", "download", escPath, "@v", escVersion+".info")
	b, err := os.ReadFile(infoPath)
	if err != nil {
		return "", "", fmt.Errorf("module cache layout: %w", err)
	}
	info, err = infoFields(b)
	if err != nil {
		return "", "", fmt.Errorf("module cache layout: %s: %w", infoPath, err)
	}
	return extracted, info, nil
}

// infoFields returns keyInfo's value for the .info JSON b.
func infoFields(b []byte) (string, error) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return "", err
	}
	if len(m) == 0 {
		return "", errors.New("no fields")
	}
	hash := false
	var keys []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		keys = append(keys, strings.ToLower(k))
		if v, ok := m[k].(string); ok && strings.HasPrefix(v, "h1:") {
			hash = true
		}
	}
	slices.Sort(keys)
	if hash {
		keys = append(keys, "h1-hash")
	}
	return strings.Join(keys, ","), nil
}
