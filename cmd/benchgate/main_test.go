package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const td = "testdata/"

func TestRunExitCodes(t *testing.T) {
	cut := filepath.Join(t.TempDir(), "cut.txt")
	require.NoError(t, os.WriteFile(cut, []byte("machine: m1\npkg: p\nBenchmarkA-2 \t 1\t 86806 ns/o"), 0o644))
	spliced := "../../internal/resultfile/testdata/concurrent.txt"
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"pass", []string{td + "base.txt", td + "head_pass.txt"}, 0, "PASS: no regression in 5 comparisons", ""},
		{"regression", []string{td + "base.txt", td + "head_regress.txt"}, 1, "FAIL: 1 regression in 5 comparisons: Mmap/size=4KiB ns/op +8.90%", ""},
		{"flags after files", []string{td + "base.txt", td + "head_regress.txt", "-units", "io/s"}, 1, "FAIL: 1 regression in 1 comparisons", ""},
		{"three files", []string{td + "base.txt", td + "head_pass.txt", td + "head_pass.txt"}, 2, "", "want two result files (BASE HEAD), or -check FILE..., got 3"},
		{"threshold too high to fail", []string{"-threshold", "20%", td + "base.txt", td + "head_regress.txt"}, 0, "PASS", ""},
		{"markdown", []string{"-format", "markdown", td + "base.txt", td + "head_regress.txt"}, 1, "### benchgate ❌ FAIL", "benchgate: FAIL"},
		{"few", []string{td + "few_base.txt", td + "few_head.txt"}, 2, "INSUFFICIENT", ""},
		{"few allowed", []string{"-allow-few", td + "few_base.txt", td + "few_head.txt"}, 0, "insufficient", ""},
		{"other machine", []string{td + "base.txt", td + "other_machine.txt"}, 2, "", "other_machine.txt:10: refusing to compare runs of different machines"},
		{"cross machine", []string{"-cross-machine", td + "base.txt", td + "other_machine.txt"}, 0, "config machine differs", ""},
		{"calibrate", []string{"-calibrate", td + "base.txt", td + "head_pass.txt"}, 0, "suggested: -threshold", ""},
		{"missing file", []string{td + "base.txt", td + "nope.txt"}, 2, "", "nope.txt: no such file or directory"},
		{"one file", []string{td + "base.txt"}, 2, "", "want two result files"},
		{"bad flag", []string{"-nope", td + "base.txt", td + "head_pass.txt"}, 2, "", "flag provided but not defined: -nope"},
		{"bad threshold", []string{"-threshold", "lots", td + "base.txt", td + "head_pass.txt"}, 2, "", `-threshold entry "lots"`},
		{"bad format", []string{"-format", "xml", td + "base.txt", td + "head_pass.txt"}, 2, "", `-format "xml": want text, markdown or json`},
		{"bad filter", []string{"-filter", "(", td + "base.txt", td + "head_pass.txt"}, 2, "", "-filter"},
		{"help", []string{"-h"}, 0, "", "usage: benchgate [flags] BASE HEAD"},
		{"ab regression", []string{td + "ab_base.txt", td + "ab_head_regress.txt"}, 1, "FAIL: 1 regression in 4 comparisons: FalseShare/layout=pad64 ns/op +8.66%", ""},
		{"ab pair missing a side", []string{td + "ab_base.txt", td + "ab_head_missing.txt"}, 2, "", "benchgate: testdata/ab_base.txt:22: pair 4 of github.com/benchrig/benchrig/bench/falseshare FalseShare/layout=pad64 has no result in testdata/ab_head_missing.txt"},
		{"interrupted", []string{td + "ab_base.txt", td + "ab_head_interrupted.txt"}, 2, "", "benchgate: testdata/ab_head_interrupted.txt:49: interrupted: SIGINT: this run was stopped before it finished"},
		{"cut short", []string{td + "base.txt", cut}, 2, "", "cut.txt:3: the run was cut short: the file ends in the middle of this line"},
		{"check whole files", []string{"-check", td + "base.txt", td + "ab_head_interrupted.txt"}, 0, "", ""},
		{"check a cut file", []string{"-check", td + "base.txt", cut}, 2, "", "benchgate: " + cut + ":3: the run was cut short"},
		{"check nothing", []string{"-check"}, 2, "", "want two result files (BASE HEAD), or -check FILE..., got 0"},
		{"spliced notes", []string{spliced, spliced}, 2, "INSUFFICIENT", ""},
		{"not interleaved", []string{td + "base.txt", td + "head_pass.txt"}, 0, "not interleaved: drift between the runs untested", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(&out, &errb, tc.args)
			assert.Equal(t, tc.code, code, "stderr: %s", errb.String())
			assert.Contains(t, out.String(), tc.stdout)
			assert.Contains(t, errb.String(), tc.stderr)
		})
	}
}

func TestRunJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(&out, &errb, []string{"-format", "json", td + "base.txt", td + "head_regress.txt"})
	require.Equal(t, 1, code)
	var rep struct {
		Version int    `json:"version"`
		Verdict string `json:"verdict"`
		Rows    []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
		} `json:"rows"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.Equal(t, 2, rep.Version)
	assert.Equal(t, "fail", rep.Verdict)
	assert.Len(t, rep.Rows, 10)
}

// TestBenchstatShMachines runs benchstat.sh machines on two crafted files
// from two "machines" that differ in machine:, cpu:, kernel and the
// GOMAXPROCS suffix (-2 vs -4), and a third file without a machine: line.
func TestBenchstatShMachines(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	nolabel := filepath.Join(t.TempDir(), "laptop.txt")
	data, err := os.ReadFile(td + "head_pass.txt")
	require.NoError(t, err)
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "machine:") {
			kept = append(kept, l)
		}
	}
	require.NoError(t, os.WriteFile(nolabel, []byte(strings.Join(kept, "\n")), 0o644))

	cmd := exec.Command(script, "machines", td+"base.txt", td+"other_machine.txt", nolabel)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "stderr: %s", stderr.String())
	text := string(out)
	// One table per family...
	assert.Contains(t, text, "pkg: github.com/benchrig/benchrig/bench/mmap")
	assert.Contains(t, text, "pkg: github.com/benchrig/benchrig/bench/directio")
	// ...with the machines as columns...
	assert.Regexp(t, `│\s+m1\s+│\s+m2\s+│\s+laptop\s+│`, text)
	// ...and rows matched: no -N suffix, each benchmark on one line with
	// three values, never split per machine.
	assert.NotContains(t, text, "-2 ")
	assert.NotContains(t, text, "-4 ")
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "Mmap/size=4KiB ") {
			assert.Equal(t, 3, strings.Count(l, "±"), "row not matched across machines: %q", l)
		}
	}
	assert.NotContains(t, text, "benchmarks vary in", "no residue warnings expected")
}

func TestBenchstatShHelp(t *testing.T) {
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	out, err := exec.Command(script, "help").Output()
	require.NoError(t, err)
	for _, c := range []string{"run [-count N]", "compare OLD NEW", "machines FILE", "ab REV_A REV_B", "gate BASE HEAD"} {
		assert.Contains(t, string(out), c)
	}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		out, err := exec.Command(sc, script).CombinedOutput()
		assert.NoError(t, err, "shellcheck: %s", out)
	} else {
		t.Log("shellcheck not installed; skipped lint")
	}
}

// TestBenchstatShGateExitCodes checks that benchstat.sh gate passes
// benchgate's exit status through unchanged (go run would not).
func TestBenchstatShGateExitCodes(t *testing.T) {
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	cases := []struct {
		name       string
		base, head string
		code       int
	}{
		{"pass", "base.txt", "head_pass.txt", 0},
		{"regression", "base.txt", "head_regress.txt", 1},
		{"few samples", "few_base.txt", "few_head.txt", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(script, "gate", td+tc.base, td+tc.head)
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.code, code)
		})
	}
}

// TestBenchstatShRefusesUnreadable: benchstat.sh compare and machines exit
// 2 on a file that is not a whole result file, where benchstat alone
// prints errors and exits 0.
func TestBenchstatShRefusesUnreadable(t *testing.T) {
	script, err := filepath.Abs("../../benchstat.sh")
	require.NoError(t, err)
	dir := t.TempDir()
	random := make([]byte, 10<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	files := map[string][]byte{
		"empty":        nil,
		"random bytes": random,
		"1 MB line":    []byte("machine: m1\npkg: p\nBenchmarkA-2 1 " + strings.Repeat("1", 1<<20) + " ns/op\nPASS\n"),
	}
	for name, data := range files {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".txt")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		for _, args := range [][]string{{"compare", td + "base.txt", path}, {"machines", td + "base.txt", path}} {
			t.Run(name+"/"+args[0], func(t *testing.T) {
				cmd := exec.Command(script, args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				var ee *exec.ExitError
				require.ErrorAs(t, err, &ee, "stderr: %s", stderr.String())
				assert.Equal(t, 2, ee.ExitCode())
				assert.Contains(t, stderr.String(), "benchgate: "+path+":")
			})
		}
	}
}
