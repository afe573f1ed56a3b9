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

const tdReport = "../../internal/report/testdata/"

// three are this VM's reference run and the two disk stand-ins.
var three = []string{"../../internal/report/reference.txt", tdReport + "standin-ramdisk-ext4.txt", tdReport + "standin-throttled-vda.txt"}

func TestReport(t *testing.T) {
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
		{"no files", nil, 2, "want one or more result files", ""},
		{"bad flag", []string{"-x"}, 2, "flag provided but not defined", ""},
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, 2, "nope.txt: no such file", ""},
		{"no config lines", []string{tdReport + "bad/nomachine.txt", "-o", html}, 2, "nomachine.txt:3: result without a machine: config line", ""},
		{"empty file", []string{tdReport + "bad/empty.txt", "-o", html}, 2, "empty.txt:1: not benchmark results: empty file", ""},
		{"bad -ref", append([]string{"-ref", tdReport + "bad/empty.txt", "-o", html}, three...), 2, "empty.txt:1: not benchmark results: empty file", ""},
		{"cut short", []string{cut, "-o", html}, 2, "cut.txt:3: the run was cut short", ""},
		{"long line", []string{long, "-o", html}, 2, "long.txt:4: malformed line: line longer than 65535 bytes", ""},
		{"three machines", append(three, "-o", html, "-md", md), 0, "3 files, 99 rows, 3 machines", ""},
		{"flags before files, markdown to stdout", append([]string{"-o", html, "-md", "-", "-ref", three[1]}, three...), 0, "wrote " + html, "Ratios are to **standin-ramdisk-ext4**"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(&stdout, &stderr, append([]string{"report"}, tc.args...))
			assert.Equal(t, tc.code, code, "stderr: %s", stderr.String())
			assert.Contains(t, stderr.String(), tc.wantStderr)
			assert.Contains(t, stdout.String(), tc.wantStdout)
		})
	}
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(b), "## Machine standin-throttled-vda")
}
