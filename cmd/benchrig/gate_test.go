package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const td = "testdata/gate/"

func TestGateExitCodes(t *testing.T) {
	cut := filepath.Join(t.TempDir(), "cut.txt")
	require.NoError(t, os.WriteFile(cut, []byte("machine: m1\npkg: p\nBenchmarkA-2 \t 1\t 86806 ns/o"), 0o644))
	spliced := "../../internal/resultfile/testdata/concurrent.txt"
	cases := []struct {
		name   string
		cmd    string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"pass", "gate", []string{td + "base.txt", td + "head_pass.txt"}, 0, "PASS: no regression in 5 comparisons", ""},
		{"regression", "gate", []string{td + "base.txt", td + "head_regress.txt"}, 1, "FAIL: 1 regression in 5 comparisons: Mmap/size=4KiB ns/op +8.90%", ""},
		{"flags after files", "gate", []string{td + "base.txt", td + "head_regress.txt", "-units", "io/s"}, 1, "FAIL: 1 regression in 1 comparisons", ""},
		{"three files", "gate", []string{td + "base.txt", td + "head_pass.txt", td + "head_pass.txt"}, 2, "", "want two result files (BASE HEAD), or -check FILE..., got 3"},
		{"threshold too high to fail", "gate", []string{"-threshold", "20%", td + "base.txt", td + "head_regress.txt"}, 0, "PASS", ""},
		{"markdown", "gate", []string{"-format", "markdown", td + "base.txt", td + "head_regress.txt"}, 1, "### benchrig gate ❌ FAIL", "benchrig gate: FAIL"},
		{"few", "gate", []string{td + "few_base.txt", td + "few_head.txt"}, 2, "INSUFFICIENT", ""},
		{"few allowed", "gate", []string{"-allow-few", td + "few_base.txt", td + "few_head.txt"}, 0, "insufficient", ""},
		{"other machine", "gate", []string{td + "base.txt", td + "other_machine.txt"}, 2, "", "other_machine.txt:10: refusing to compare runs of different machines"},
		{"cross machine", "gate", []string{"-cross-machine", td + "base.txt", td + "other_machine.txt"}, 0, "config machine differs", ""},
		{"noise", "noise", []string{td + "base.txt", td + "head_pass.txt"}, 0, "suggested: -threshold", ""},
		{"missing file", "gate", []string{td + "base.txt", td + "nope.txt"}, 2, "", "nope.txt: no such file or directory"},
		{"one file", "gate", []string{td + "base.txt"}, 2, "", "want two result files"},
		{"bad flag", "gate", []string{"-nope", td + "base.txt", td + "head_pass.txt"}, 2, "", "flag provided but not defined: -nope"},
		{"bad threshold", "gate", []string{"-threshold", "lots", td + "base.txt", td + "head_pass.txt"}, 2, "", `-threshold entry "lots"`},
		{"bad format", "gate", []string{"-format", "xml", td + "base.txt", td + "head_pass.txt"}, 2, "", `-format "xml": want text, markdown or json`},
		{"bad filter", "gate", []string{"-filter", "(", td + "base.txt", td + "head_pass.txt"}, 2, "", "-filter"},
		{"help", "gate", []string{"-h"}, 0, "", "usage: benchrig gate BASE HEAD"},
		{"ab regression", "gate", []string{td + "ab_base.txt", td + "ab_head_regress.txt"}, 1, "FAIL: 1 regression in 4 comparisons: FalseShare/layout=pad64 ns/op +8.66%", ""},
		{"ab pair missing a side", "gate", []string{td + "ab_base.txt", td + "ab_head_missing.txt"}, 2, "", "benchrig gate: testdata/gate/ab_base.txt:22: pair 4 of github.com/benchrig/benchrig/bench/falseshare FalseShare/layout=pad64 has no result in testdata/gate/ab_head_missing.txt"},
		{"interrupted", "gate", []string{td + "ab_base.txt", td + "ab_head_interrupted.txt"}, 2, "", "benchrig gate: testdata/gate/ab_head_interrupted.txt:49: interrupted: SIGINT: this run was stopped before it finished"},
		{"cut short", "gate", []string{td + "base.txt", cut}, 2, "", "cut.txt:3: the run was cut short: the file ends in the middle of this line"},
		{"check whole files", "gate", []string{"-check", td + "base.txt", td + "ab_head_interrupted.txt"}, 0, "", ""},
		{"check a cut file", "gate", []string{"-check", td + "base.txt", cut}, 2, "", "benchrig gate: " + cut + ":3: the run was cut short"},
		{"check nothing", "gate", []string{"-check"}, 2, "", "-check: want one or more result files"},
		{"spliced notes", "gate", []string{spliced, spliced}, 2, "INSUFFICIENT", ""},
		{"not interleaved", "gate", []string{td + "base.txt", td + "head_pass.txt"}, 0, "not interleaved: drift between the runs untested", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(&out, &errb, append([]string{tc.cmd}, tc.args...))
			assert.Equal(t, tc.code, code, "stderr: %s", errb.String())
			assert.Contains(t, out.String(), tc.stdout)
			assert.Contains(t, errb.String(), tc.stderr)
		})
	}
}

func TestGateJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(&out, &errb, []string{"gate", "-format", "json", td + "base.txt", td + "head_regress.txt"})
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
