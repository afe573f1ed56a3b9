package modres

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/child"
)

// downloadCache is the private module cache download fills on every op,
// next to the tree's own (which build and golist use, and which download
// never touches).
func downloadCache(s *setup) string { return filepath.Join(s.Root, "dlcache") }

// downloadEnv is s.Env with GOMODCACHE at downloadCache and -mod=mod added
// to GOFLAGS (GOFLAGS already holds -modcacherw: the extracted files are
// writable, so the reset can remove them).
func downloadEnv(s *setup) []string {
	env := withGoFlag(s.Env, "-mod=mod")
	for i, kv := range env {
		if strings.HasPrefix(kv, "GOMODCACHE=") {
			env[i] = "GOMODCACHE=" + downloadCache(s)
		}
	}
	return env
}

// runDownload runs `go mod download` in the main module: every module of
// the build list is read from the tree's file proxy (zip, .mod, .info),
// checked against go.sum, and extracted into the empty downloadCache.
func runDownload(goPath string, s *setup, _ string) (result, error) {
	cmd := child.Command(goPath, "mod", "download")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = downloadEnv(s)
	if out, err := combinedOutput(cmd); err != nil {
		return result{}, fmt.Errorf("go mod download in %s (GOMODCACHE=%s): %w\n%s", cmd.Dir, downloadCache(s), err, out)
	}
	return usageOf(cmd), nil
}

// emptyDownloadCache removes what the last op downloaded and makes the
// cache dir again, empty (before each op: untimed, not metered).
func emptyDownloadCache(s *setup) error {
	if err := removeDownloadCache(s); err != nil {
		return err
	}
	if err := os.MkdirAll(downloadCache(s), 0o755); err != nil {
		return fmt.Errorf("tool=download: create %s: %w", downloadCache(s), err)
	}
	return nil
}

// removeDownloadCache removes downloadCache (when the cell ends).
func removeDownloadCache(s *setup) error {
	if err := harness.RemoveAll(downloadCache(s)); err != nil {
		return fmt.Errorf("tool=download: remove %s: %w", downloadCache(s), err)
	}
	return nil
}

// downloadPaths are what download's warm proves resident and its cold
// evicts: the file proxy, which is all the op reads besides the main
// module's go.mod and go.sum (also included).
func downloadPaths(s *setup) []string {
	return []string{s.Tree.ProxyDir, filepath.Join(s.Tree.MainDir, "go.mod"), filepath.Join(s.Tree.MainDir, "go.sum")}
}

// countDownloaded counts the regular files the op created in
// downloadCache (files/op): extracted module files and the cache/download
// files (.info, .mod, .zip, .ziphash, lock files).
func countDownloaded(s *setup) (extras, error) {
	n := 0
	err := filepath.WalkDir(downloadCache(s), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	if err != nil {
		return extras{}, fmt.Errorf("tool=download: count files in %s: %w", downloadCache(s), err)
	}
	if n == 0 {
		return extras{}, fmt.Errorf("tool=download: go mod download wrote no file into %s; the build list is empty or the cache was not empty", downloadCache(s))
	}
	return extras{Values: map[string]float64{"files/op": float64(n)}}, nil
}
