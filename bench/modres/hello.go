package modres

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/internal/child"
)

// helloBytes is the free space tree=hello needs: a GOCACHE holding the
// runtime and fmt, two small binaries.
const helloBytes = 512 << 20

// helloSource is hello's main.go; greeting is the string it prints.
func helloSource(greeting string) []byte {
	return fmt.Appendf(nil, "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(%q)\n}\n", greeting)
}

// prepareHello makes tree=hello in dir: a module "hello" made by go mod
// init (so its go directive is the running go command's version), no
// dependencies, one file main.go; GOCACHE, GOMODCACHE (unused) and the
// go command's HOME and temp dirs in dir, GOPROXY an empty file proxy.
func prepareHello(dir string) (*setup, error) {
	tree := &fixtures.Tree{Root: dir, ProxyDir: filepath.Join(dir, "proxy"), MainDir: filepath.Join(dir, "hello"), MainModule: "hello"}
	for _, d := range []string{tree.ProxyDir, tree.MainDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("tree=hello: %w", err)
		}
	}
	s, err := newSetup(tree, dir, filepath.Join(dir, "gocache"))
	if err != nil {
		return nil, err
	}
	if _, err := tree.Go(s.Env, "mod", "init", "hello"); err != nil {
		return nil, fmt.Errorf("tree=hello: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tree.MainDir, "main.go"), helloSource("hello, world"), 0o644); err != nil {
		return nil, fmt.Errorf("tree=hello: %w", err)
	}
	s.target = target{MainPkg: ".", Leaf: filepath.Join(tree.MainDir, "main.go")}
	return s, nil
}

// runHello runs `go build -o <Root>/bin/hello .` in hello's module (mode
// is always mod, the default of a module without vendor/, so no -mod flag
// is passed: the command line a user types).
func runHello(goPath string, s *setup, _ string) (result, error) {
	out := filepath.Join(s.BinDir, "hello")
	cmd := child.Command(goPath, "build", "-o", out, ".")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	if b, err := combinedOutput(cmd); err != nil {
		return result{}, fmt.Errorf("go build -o %s . in %s: %w\n%s", out, cmd.Dir, err, b)
	}
	return usageOf(cmd), nil
}

// editHello rewrites main.go with a greeting no GOCACHE has seen, with a
// real new mtime, as a user editing hello.go does: the next go build
// compiles the main package and links (the standard library stays cached
// when warm). It is synced so cold could evict it.
func editHello(s *setup) error {
	greeting := fmt.Sprintf("hello, world %d", edits.Add(1))
	f, err := os.Create(s.Leaf)
	if err == nil {
		_, err = f.Write(helloSource(greeting))
		err = errors.Join(err, f.Sync(), f.Close())
	}
	if err != nil {
		return fmt.Errorf("tool=hello: edit %s: %w", s.Leaf, err)
	}
	return nil
}

// runHelloBinary runs the binary the op built, as a child of the
// benchmark, and returns its wall time from start to reap (run-ns/op),
// after checking it printed a greeting. Its peak RSS is not reported: Linux
// counts the launcher's own peak RSS as a child's (internal/peakrss), and
// a Go hello world (about 2.5 MB) stays below any Go launcher's, this
// benchmark's above all.
func runHelloBinary(s *setup) (extras, error) {
	bin := filepath.Join(s.BinDir, "hello")
	cmd := child.Command(bin)
	cmd.Dir = s.Root
	cmd.Env = s.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := child.Run(cmd)
	ns := time.Since(start).Nanoseconds()
	if err != nil {
		return extras{}, fmt.Errorf("tool=hello: run %s: %w: %s", bin, err, bytes.TrimSpace(stderr.Bytes()))
	}
	if !strings.HasPrefix(stdout.String(), "hello, ") {
		return extras{}, fmt.Errorf("tool=hello: %s printed %q, not a greeting", bin, stdout.String())
	}
	return extras{
		Values:  map[string]float64{"run-ns/op": float64(ns)},
		Missing: map[string]string{"run-maxrss-B/op": runRSSMissing},
	}, nil
}

// runRSSMissing says why the hello binary's peak RSS is not reported.
const runRSSMissing = "Linux counts the launcher's own peak RSS as the child's (internal/peakrss), and a Go hello world's (about 2.5 MB) stays below any Go launcher's"
