package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const td = "../../internal/report/testdata/"

// three are this VM's reference run and the two disk stand-ins.
var three = []string{td + "reference.txt", td + "standin-ramdisk-ext4.txt", td + "standin-throttled-vda.txt"}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	html, md := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.md")
	cut, long := filepath.Join(dir, "cut.txt"), filepath.Join(dir, "long.txt")
	require.NoError(t, os.WriteFile(cut, []byte("machine: m\npkg: p\nBenchmarkA-2 \t 1\t 86806 ns/o"), 0o644))
	require.NoError(t, os.WriteFile(long, []byte("machine: m\npkg: p\nBenchmarkA-2 \t 1\t 2 ns/op\n"+strings.Repeat("x", 1<<20)+"\nPASS\n"), 0o644))
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		wantStderr string
		wantStdout string
	}{
		{"no files", nil, exitUsage, "usage: benchreport FILE...", ""},
		{"bad flag", []string{"-x"}, exitUsage, "flag provided but not defined", ""},
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, exitUsage, "nope.txt: no such file", ""},
		{"no config lines", []string{td + "bad/nomachine.txt", "-o", html}, exitUsage, "nomachine.txt:3: result without a machine: config line", ""},
		{"empty file", []string{td + "bad/empty.txt", "-o", html}, exitUsage, "empty.txt:1: not benchmark results: empty file", ""},
		{"bad -ref", append([]string{"-ref", td + "bad/empty.txt", "-o", html}, three...), exitUsage, "empty.txt:1: not benchmark results: empty file", ""},
		{"cut short", []string{cut, "-o", html}, exitUsage, "cut.txt:3: the run was cut short", ""},
		{"long line", []string{long, "-o", html}, exitUsage, "long.txt:4: malformed line: line longer than 65535 bytes", ""},
		{"three machines", append(three, "-o", html, "-md", md), exitOK, "3 files, 90 rows, 3 machines", ""},
		{"flags before files, markdown to stdout", append([]string{"-o", html, "-md", "-", "-ref", three[1]}, three...), exitOK, "wrote " + html, "Ratios are to **standin-ramdisk-ext4**"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(&stdout, &stderr, tc.args)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr.String())
			assert.Contains(t, stderr.String(), tc.wantStderr)
			assert.Contains(t, stdout.String(), tc.wantStdout)
		})
	}
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(b), "## Machine standin-throttled-vda")
}
