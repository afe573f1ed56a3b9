package abrun

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/benchrig/benchrig/internal/abrun/abruntest"
	"github.com/benchrig/benchrig/internal/resultfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// setup makes a fake repository, a private BENCHRIG_DIR and a FAKE_LOG.
func setup(t *testing.T) (r *abruntest.Repo, scratch, log string) {
	r = abruntest.New(t)
	scratch = t.TempDir()
	t.Setenv("BENCHRIG_DIR", scratch)
	log = filepath.Join(t.TempDir(), "log")
	t.Setenv("FAKE_LOG", log)
	return r, scratch, log
}

// abConfig runs 20 iterations a process: one iteration of a few µs is
// mostly noise on a shared machine.
func abConfig(r *abruntest.Repo, bench string, stdout, stderr *bytes.Buffer, results string) ABConfig {
	return ABConfig{
		Dir: r.Dir, RevA: "HEAD~1", RevB: "HEAD", Pattern: "./...",
		Flags:    BenchFlags{Bench: bench, Benchtime: "20x"},
		Sampling: Sampling{Count: 6},
		Results:  results,
		Decider:  GateDecider{},
		Stdout:   stdout, Stderr: stderr,
	}
}

func readLines(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestABPairsAlternateAndGate(t *testing.T) {
	r, scratch, log := setup(t)
	results := t.TempDir()
	var stdout, stderr bytes.Buffer
	code, err := AB(context.Background(), abConfig(r, "Work", &stdout, &stderr, results))
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 1, code, "BenchmarkWork is 10x slower in B: %s", stdout.String())
	assert.Contains(t, stdout.String(), "Work")

	// A runs first in odd pairs, B in even ones.
	var order []string
	for _, l := range readLines(t, log) {
		order = append(order, strings.Fields(l)[0])
	}
	assert.Equal(t, strings.Fields("v1 v2 v2 v1 v1 v2 v2 v1 v1 v2 v2 v1"), order)

	stem := filepath.Join(results, "ab-"+r.Commits[0][:12]+"-vs-"+r.Commits[1][:12])
	pairRe := regexp.MustCompile(`^pair(-order)?: `)
	for _, f := range sideFiles(stem) {
		var got []string
		for _, l := range readLines(t, f) {
			if pairRe.MatchString(l) {
				got = append(got, l)
			}
		}
		assert.Equal(t, []string{
			"pair: 1", "pair-order: ab", "pair: 2", "pair-order: ba", "pair: 3", "pair-order: ab",
			"pair: 4", "pair-order: ba", "pair: 5", "pair-order: ab", "pair: 6", "pair-order: ba",
		}, got, f)
	}
	assert.Empty(t, abruntest.Entries(t, scratch), "work dir and lock removed")
	assert.Len(t, r.Worktrees(t), 1, "worktrees removed")
}

func TestABRevisionDoesNotBuild(t *testing.T) {
	r, scratch, _ := setup(t)
	r.Write(t, "p/p_test.go", "package p\n\nfunc broken( {\n")
	bad := r.Commit(t, "broken")
	var stdout, stderr bytes.Buffer
	_, err := AB(context.Background(), abConfig(r, "Work", &stdout, &stderr, t.TempDir()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "revision HEAD (B, "+bad[:12]+") does not build")
	assert.Contains(t, err.Error(), "p_test.go:3", "the compiler's message")
	assert.Empty(t, abruntest.Entries(t, scratch))
	assert.Len(t, r.Worktrees(t), 1)
}

func TestABNotACommit(t *testing.T) {
	r, _, _ := setup(t)
	cfg := abConfig(r, "Work", &bytes.Buffer{}, &bytes.Buffer{}, t.TempDir())
	cfg.RevB = "no-such-branch"
	_, err := AB(context.Background(), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-branch is not a commit")
}

func TestABCancelledCleansUp(t *testing.T) {
	r, scratch, _ := setup(t)
	t.Setenv("FAKE_SLEEP", "1h")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	cfg := abConfig(r, "Work", &bytes.Buffer{}, &stderr, t.TempDir())
	cfg.Stderr = cancelOn(&stderr, "pair 1 of", cancel)
	_, err := AB(ctx, cfg)
	require.ErrorIs(t, err, context.Canceled)
	stem := filepath.Join(cfg.Results, "ab-"+r.Commits[0][:12]+"-vs-"+r.Commits[1][:12])
	assert.Contains(t, readLines(t, stem+".a.txt"), interruptedNote, "the file says it is incomplete")
	// The interrupted: line closes the last block: a reader sees a
	// stopped run, never a cut one.
	assert.Contains(t, readLines(t, stem+".a.txt"), resultfile.InterruptedKey+": sigint")
	assert.NotErrorIs(t, resultfile.CheckFile(stem+".a.txt"), resultfile.ErrCut)
	assert.Empty(t, abruntest.Entries(t, scratch))
	assert.Len(t, r.Worktrees(t), 1)
}

// cancelOn is a writer that calls cancel once what was written contains s.
func cancelOn(w *bytes.Buffer, s string, cancel func()) *trigger {
	return &trigger{w: w, s: s, fire: cancel}
}

type trigger struct {
	w    *bytes.Buffer
	s    string
	fire func()
}

func (t *trigger) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if t.fire != nil && strings.Contains(t.w.String(), t.s) {
		t.fire()
		t.fire = nil
	}
	return n, err
}

func TestRun(t *testing.T) {
	r, scratch, _ := setup(t)
	out := filepath.Join(t.TempDir(), "res", "x.txt")
	var stderr bytes.Buffer
	cfg := RunConfig{Module: r.Dir, Pattern: "./...", Count: 2, Args: BenchFlags{Bench: "Other", Benchtime: "1x"}, Out: out, Stderr: &stderr}
	require.NoError(t, Run(context.Background(), cfg), stderr.String())
	got := strings.Join(readLines(t, out), "\n")
	assert.Equal(t, 2, strings.Count(got, "pkg: example.com/fake/p"), "config lines kept")
	assert.Equal(t, 2, strings.Count(got, "BenchmarkOther/n=1-"))
	assert.Equal(t, 2, strings.Count(got, "BenchmarkOther/n=2-"))
	assert.NotContains(t, got, "BenchmarkWork")
	assert.Contains(t, stderr.String(), "iteration 2 of 2, elapsed ")
	assert.Contains(t, stderr.String(), "ETA")
	assert.Empty(t, abruntest.Entries(t, scratch))

	err := Run(context.Background(), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.txt exists")
}

func TestBuildStampsRevision(t *testing.T) {
	r, _, _ := setup(t)
	ctx := context.Background()
	rev := Revision(ctx, r.Dir)
	assert.Equal(t, r.Commits[1][:12], rev)
	s, err := NewScratch("", &bytes.Buffer{})
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, s.Close()) })
	bins, err := s.Build(ctx, r.Dir, "./...", rev, t.TempDir(), &bytes.Buffer{})
	require.NoError(t, err)
	require.Len(t, bins, 1)
	assert.Equal(t, "example.com/fake/p", bins[0].Pkg)
	assert.Equal(t, []string{"TMPDIR=" + filepath.Join(s.Dir, binTmpName)}, bins[0].Env, "the binary's temporary files stay in the work dir")
	info, err := s.goCmd(ctx, r.Dir, "version", "-m", bins[0].Path)
	require.NoError(t, err)
	assert.Contains(t, info, "-X "+stampVar+"="+rev)

	r.Write(t, "p/new.go", "package p\n")
	assert.Equal(t, r.Commits[1][:12]+"-dirty", Revision(ctx, r.Dir))
}

func TestABFailedPair(t *testing.T) {
	tests := []struct {
		name     string
		env      func(t *testing.T)
		wantErr  bool
		wantNote bool
	}{
		{name: "once-reruns-the-pair", env: func(t *testing.T) { t.Setenv("FAKE_FAIL_ONCE", filepath.Join(t.TempDir(), "failed")) }, wantNote: true},
		{name: "always-fails-the-run", env: func(t *testing.T) { t.Setenv("FAKE_FAIL", "always") }, wantErr: true, wantNote: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, scratch, _ := setup(t)
			tt.env(t)
			results := t.TempDir()
			var stdout, stderr bytes.Buffer
			code, err := AB(context.Background(), abConfig(r, "Work", &stdout, &stderr, results))
			stem := filepath.Join(results, "ab-"+r.Commits[0][:12]+"-vs-"+r.Commits[1][:12])
			a := strings.Join(readLines(t, stem+".a.txt"), "\n")
			b := strings.Join(readLines(t, stem+".b.txt"), "\n")
			if tt.wantNote {
				assert.Contains(t, stderr.String(), "p: A (HEAD~1), pair 1: ")
				assert.Contains(t, stderr.String(), "the pair runs again (attempt 2 of 2)")
				assert.Contains(t, stderr.String(), "--- FAIL: BenchmarkWork", "the failure's message reaches stderr")
				assert.Contains(t, a, resultfile.NotePrefix+"p: A (HEAD~1), pair 1: ")
			}
			if tt.wantErr {
				require.ErrorIs(t, err, ErrBenchmarkFailed)
				assert.Contains(t, a, "--- FAIL: BenchmarkWork", "the last attempt's output stays in the file")
				assert.Equal(t, 1, strings.Count(a, "pair: 1\n"))
				assert.Empty(t, abruntest.Entries(t, scratch))
				return
			}
			require.NoError(t, err, stderr.String())
			assert.Equal(t, 1, code, "BenchmarkWork is 10x slower in B: %s", stdout.String())
			for _, f := range []string{a, b} {
				assert.NotContains(t, f, "--- FAIL", "the failed attempt's output is dropped")
				assert.Equal(t, 1, strings.Count(f, "pair: 1\n"), "pair 1 once")
				assert.Equal(t, 6, strings.Count(f, "BenchmarkWork-"), "one result per pair")
			}
		})
	}
}
