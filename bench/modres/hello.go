package modres

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
// go command's HOME and temp dirs in dir, GOPROXY an empty file proxy; and
// runwrap, the launcher that times hello's binary (runHelloBinary).
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
	return s, buildRunwrap(s)
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

// runHelloBinary runs the binary the op built, through runwrap, and
// returns its wall time (run-ns/op) and peak RSS (run-maxrss-B/op).
func runHelloBinary(s *setup) (extras, error) {
	wrap, bin := filepath.Join(s.BinDir, "runwrap"), filepath.Join(s.BinDir, "hello")
	cmd := child.Command(wrap, bin)
	cmd.Dir = s.Root
	cmd.Env = s.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := child.Run(cmd); err != nil {
		return extras{}, fmt.Errorf("tool=hello: run %s via %s: %w: %s", bin, wrap, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return parseRunwrap(stdout.String())
}

// parseRunwrap reads runwrap's one line, "<ns> <maxrss bytes> <floor
// bytes>" (floor -1: runwrap could not reset its own peak RSS).
func parseRunwrap(line string) (extras, error) {
	f := strings.Fields(line)
	var n [3]int64
	for i := range n {
		var err error
		if len(f) != 3 {
			err = errors.New("want 3 fields")
		} else {
			n[i], err = strconv.ParseInt(f[i], 10, 64)
		}
		if err != nil {
			return extras{}, fmt.Errorf("tool=hello: runwrap printed %q, not \"<ns> <maxrss> <floor>\": %v", line, err)
		}
	}
	x := extras{Values: map[string]float64{"run-ns/op": float64(n[0])}}
	switch {
	case n[2] < 0:
		x.Missing = map[string]string{"run-maxrss-B/op": "runwrap could not reset its peak RSS (/proc/self/clear_refs)"}
	case n[1] <= n[2]:
		x.Missing = map[string]string{"run-maxrss-B/op": fmt.Sprintf("the binary's peak RSS (%d B) was not above its launcher's (%d B), which Linux counts as the child's own (internal/peakrss)", n[1], n[2])}
	default:
		x.Values["run-maxrss-B/op"] = float64(n[1])
	}
	return x, nil
}

// runwrapSource is runwrap's main.go. It runs the program its argument
// names, checks that it printed the greeting, and prints the wall time
// from starting it to reaping it, its ru_maxrss in bytes and runwrap's own
// peak RSS over that time (reset just before the start): Linux counts the
// launcher's peak RSS as the child's own (internal/peakrss), and runwrap
// holds far less than the benchmark process would, so the child's number
// is the child's when it is above that floor.
const runwrapSource = `package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	cmd := exec.Command(os.Args[1])
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	reset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	start := time.Now()
	err := cmd.Run()
	ns := time.Since(start).Nanoseconds()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !strings.HasPrefix(out.String(), "hello, world") {
		fmt.Fprintf(os.Stderr, "%s printed %q, not the greeting\n", os.Args[1], out.String())
		os.Exit(1)
	}
	floor := int64(-1)
	if reset == nil {
		floor = hwm()
	}
	fmt.Println(ns, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024, floor)
}

func hwm() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return n * 1024
			}
		}
	}
	return -1
}
`

// buildRunwrap writes runwrap's module under s.Root and builds it into
// s.BinDir (untimed, once per run).
func buildRunwrap(s *setup) error {
	dir := filepath.Join(s.Root, "runwrap")
	tree := &fixtures.Tree{Root: s.Root, ProxyDir: s.Tree.ProxyDir, MainDir: dir, MainModule: "runwrap"}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tree=hello: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module runwrap\n\ngo 1.21\n"), 0o644); err != nil {
		return fmt.Errorf("tree=hello: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(runwrapSource), 0o644); err != nil {
		return fmt.Errorf("tree=hello: %w", err)
	}
	if _, err := tree.Go(s.Env, "build", "-o", filepath.Join(s.BinDir, "runwrap"), "."); err != nil {
		return fmt.Errorf("tree=hello: build the launcher: %w", err)
	}
	return nil
}
