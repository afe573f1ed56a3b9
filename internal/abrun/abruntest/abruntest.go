// Package abruntest builds throwaway git repositories holding a tiny Go
// module, for tests of the benchmark runner (internal/abrun, cmd/benchrig).
//
// The module, example.com/fake, has one package, p, with two benchmarks:
// BenchmarkWork spins Spin iterations per op (Spin grows tenfold from
// commit 1 to commit 2: a real regression) and BenchmarkOther/n=1 and
// /n=2 do the same work in both commits. Every benchmark run appends
// "<version> <benchmark name>" to the file named by $FAKE_LOG when set,
// and sleeps $FAKE_SLEEP (a Go duration) first, so a test can see which
// side ran in which order and interrupt a run that is still going. With
// FAKE_FAIL=always every benchmark fails; with FAKE_FAIL_ONCE=FILE the
// first one to run fails and creates FILE, and the others pass.
package abruntest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Repo is a test repository.
type Repo struct {
	Dir     string   // the work tree, also the module root
	Commits []string // full commit names, oldest first
}

const goMod = "module example.com/fake\n\ngo 1.26\n"

const benchSrc = `package p

import (
	"os"
	"testing"
	"time"
)

const version = %q

var sink int

func spin(n int) {
	for i := 0; i < n; i++ {
		sink += i ^ sink
	}
}

func note(b *testing.B) {
	if f := os.Getenv("FAKE_LOG"); f != "" {
		l, err := os.OpenFile(f, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			b.Fatal(err)
		}
		l.WriteString(version + " " + b.Name() + "\n")
		l.Close()
	}
	if d, err := time.ParseDuration(os.Getenv("FAKE_SLEEP")); err == nil {
		time.Sleep(d)
	}
	if os.Getenv("FAKE_FAIL") == "always" {
		b.Fatal("fake: fails every time")
	}
	if f := os.Getenv("FAKE_FAIL_ONCE"); f != "" {
		if _, err := os.Stat(f); err != nil {
			os.WriteFile(f, nil, 0o644)
			b.Fatal("fake: fails once")
		}
	}
}

func BenchmarkWork(b *testing.B) {
	note(b)
	for b.Loop() {
		spin(%d)
	}
}

func BenchmarkOther(b *testing.B) {
	for _, n := range []string{"1", "2"} {
		b.Run("n="+n, func(b *testing.B) {
			note(b)
			for b.Loop() {
				spin(20000)
			}
		})
	}
}
`

// Spin is BenchmarkWork's iterations per op in each commit.
var Spin = []int{20000, 200000}

// New creates a repository with two commits (versions "v1" and "v2").
func New(t testing.TB) *Repo {
	t.Helper()
	r := &Repo{Dir: t.TempDir()}
	r.Git(t, "init", "-q")
	r.Write(t, "go.mod", goMod)
	for i, spin := range Spin {
		r.Write(t, "p/p_test.go", fmt.Sprintf(benchSrc, fmt.Sprintf("v%d", i+1), spin))
		r.Commit(t, fmt.Sprintf("version %d", i+1))
	}
	return r
}

// Write writes a file of the work tree.
func (r *Repo) Write(t testing.TB, name, content string) {
	t.Helper()
	p := filepath.Join(r.Dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
}

// Commit commits every change and records the commit.
func (r *Repo) Commit(t testing.TB, msg string) string {
	t.Helper()
	r.Git(t, "add", "-A")
	r.Git(t, "-c", "user.name=abruntest", "-c", "user.email=abruntest@example.com", "commit", "-q", "-m", msg)
	c := r.Git(t, "rev-parse", "HEAD")
	r.Commits = append(r.Commits, c)
	return c
}

// Git runs git in the repository and returns its trimmed output.
func (r *Repo) Git(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.Dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %s: %s", strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// Worktrees returns the lines of git worktree list: one, the main tree,
// when no worktree was left behind.
func (r *Repo) Worktrees(t testing.TB) []string {
	t.Helper()
	return strings.Split(r.Git(t, "worktree", "list"), "\n")
}

// Entries returns the names in dir (none when it is missing).
func Entries(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
