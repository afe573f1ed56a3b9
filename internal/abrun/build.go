package abrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/resultfile"
)

// stampVar is the variable the harness reports as the benchrig config
// value; binaries built here carry the revision they were built from,
// since they run long after the build. In a module that does not link the
// harness, the linker ignores it.
const stampVar = "github.com/benchrig/benchrig/harness.buildRevision"

// Binary is the test binary of one package.
type Binary struct {
	Pkg  string   // import path
	Dir  string   // package directory: the binary runs there (testdata is relative to it)
	Path string   // the built binary
	Env  []string // added to its environment (its TMPDIR)
}

// Build builds, into out, the test binary of every package matched by
// pattern in the module at src that has test files, stamped with rev. The
// go commands work in s (see [Scratch]), and the binaries run with their
// temporary dir in s. Errors name what (pattern, package) failed and carry
// the go command's output.
func (s *Scratch) Build(ctx context.Context, src, pattern, rev, out string, log io.Writer) ([]Binary, error) {
	fmt.Fprintf(log, "benchrig: listing packages in %s (a first run downloads the modules go.mod pins)\n", src)
	var list string
	err := heartbeat(log, "listing packages", quietOutput, func() (err error) {
		list, err = s.goCmd(ctx, src, "list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}\t{{.Dir}}{{end}}", pattern)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	var bins []Binary
	for _, line := range strings.Split(list, "\n") {
		pkg, dir, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		b := Binary{Pkg: pkg, Dir: dir, Path: filepath.Join(out, fmt.Sprintf("%02d-%s.test", len(bins), path.Base(pkg))), Env: s.binEnv()}
		fmt.Fprintf(log, "benchrig: compiling the test binary of %s\n", pkg)
		if err := heartbeat(log, "compiling "+pkg, quietOutput, func() error {
			_, err := s.goCmd(ctx, src, "test", "-c", "-ldflags", "-X "+stampVar+"="+rev, "-o", b.Path, pkg)
			return err
		}); err != nil {
			return nil, err
		}
		bins = append(bins, b)
	}
	if len(bins) == 0 {
		return nil, fmt.Errorf("no package with tests matches %s in %s; pass -pkg with a pattern that matches packages with tests (e.g. -pkg ./...)", pattern, src)
	}
	return bins, nil
}

// goCmd runs the go command in dir, with its temporary dirs in s; an error
// carries its output.
func (s *Scratch) goCmd(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := child.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), s.goEnv()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("go %s in %s: %w\n%s", strings.Join(args, " "), dir, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// BenchFlags are the test binary flags of one run: benchmarks only, and
// one count, so each sample is a fresh process, unless Count asks for
// more samples per process.
type BenchFlags struct {
	Bench     string // -test.bench regexp
	Benchtime string // -test.benchtime, "" for the binary's default
	Short     bool
	// Count is -test.count, the samples of each cell one process takes
	// (0 means 1): a claims run takes three in each of two processes, so
	// each cell's untimed preparation is paid per process, not per
	// sample.
	Count int
}

func (a BenchFlags) flags(bench string) []string {
	count := max(a.Count, 1)
	f := []string{"-test.run", "^$", "-test.bench", bench, "-test.count", strconv.Itoa(count)}
	if a.Benchtime != "" {
		f = append(f, "-test.benchtime", a.Benchtime)
	}
	if a.Short {
		f = append(f, "-test.short")
	}
	return f
}

// runBinary runs b once from its package directory, with b.Env and then env
// added to the environment, its stdout to out and its stderr to errw.
func runBinary(ctx context.Context, b Binary, flags, env []string, out, errw io.Writer) error {
	cmd := child.CommandContext(ctx, b.Path, flags...)
	cmd.Dir = b.Dir
	cmd.Env = slices.Concat(os.Environ(), b.Env, env)
	cmd.Stdout, cmd.Stderr = out, errw
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			// Say so in the results: what the benchmarks printed while
			// being stopped is not a measurement. The interrupted: line
			// (the child was sent SIGINT) closes the file's last block,
			// so readers refuse the file as partial, not as cut; the
			// newline first ends a result line the child left waiting.
			fmt.Fprintf(out, "\n%s: sigint\n%s\n", resultfile.InterruptedKey, interruptedNote)
			return ctx.Err()
		}
		return fmt.Errorf("%s (%s): %w: %w", b.Pkg, b.Path, ErrBenchmarkFailed, err)
	}
	return nil
}

// ErrBenchmarkFailed marks an error from a test binary that exited with a
// failure (a benchmark failed, or its TestMain refused to run).
var ErrBenchmarkFailed = errors.New("benchmark binary failed")

// interruptedNote ends a results file whose run was stopped by a signal.
const interruptedNote = resultfile.NotePrefix + "interrupted: the run was stopped by a signal; the results before this line are incomplete"
