package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const chromium = "/usr/bin/chromium"

// headless runs Chromium on page with extra flags, in a fresh profile and
// HOME, and returns its stdout and stderr.
func headless(t *testing.T, page string, flags ...string) (stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--enable-logging=stderr", "--v=0", "--user-data-dir=" + filepath.Join(dir, "profile")}, flags...)
	cmd := exec.CommandContext(ctx, chromium, append(args, "file://"+page)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "chromium: %s", errb.String())
	return out.String(), errb.String()
}

// TestChromiumRendersThePage renders the report of three machines in
// headless Chromium and checks what a person would see: the charts and
// tables in the rendered DOM, a screenshot that is not blank, and no
// console messages.
func TestChromiumRendersThePage(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("needs headless Chromium at %s (Debian: apt-get install chromium; .ci/run installs it): %v", chromium, err)
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(&stdout, &stderr, append([]string{"report"}, append(three, "-o", html)...)), stderr.String())

	dom, logs := headless(t, html, "--dump-dom")
	assert.Equal(t, 5, strings.Count(dom, "<svg"), "charts: directio, its latency, mmap, falseshare, modres")
	assert.Equal(t, 5, strings.Count(dom, `<div class="chart"`))
	for _, id := range []string{"claims-vm-bhyve-2vcpu-quiet", "claims-standin-ramdisk-ext4", "claims-standin-throttled-vda",
		"compare-directio", "compare-mmap", "compare-falseshare", "compare-modres", "system-standin-throttled-vda"} {
		assert.Contains(t, dom, `id="`+id+`"`)
	}
	assert.Equal(t, 3*12, strings.Count(dom, `<td>C`), "one verdict row per claim and machine")
	assert.NotContains(t, logs, ":CONSOLE", "the page logged to the console")

	shot := filepath.Join(dir, "shot.png")
	_, logs = headless(t, html, "--window-size=1200,3000", "--screenshot="+shot)
	assert.NotContains(t, logs, ":CONSOLE")
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	assert.Greater(t, len(colours), 20, "the screenshot is nearly blank")
}

// TestChromiumRendersTrends renders a report with the trends of a history
// store of two machines over 8 commits (m2 10% slower from the sixth on):
// the trend chart is in the rendered DOM, beside the family's chart.
func TestChromiumRendersTrends(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("needs headless Chromium at %s: %v", chromium, err)
	}
	dir := t.TempDir()
	db, html := filepath.Join(dir, "h.db"), filepath.Join(dir, "report.html")
	var file string
	for i := range 8 {
		for k, m := range []string{"m1", "m2"} {
			var b strings.Builder
			fmt.Fprintf(&b, "machine: %s\nbenchrig: test\npkg: example.com/m/bench/mmap\n", m)
			for s := range 6 {
				v := 100 * (1 + 0.2*float64(k)) * (1 + 0.01*float64(s%3-1))
				if k == 1 && i >= 5 {
					v *= 1.1
				}
				fmt.Fprintf(&b, "BenchmarkMmap/cache=cold/prefault=populate/access=seq-2 \t 1\t %.2f ns/op\n", v)
			}
			file = filepath.Join(dir, fmt.Sprintf("%s-%d.txt", m, i))
			require.NoError(t, os.WriteFile(file, []byte(b.String()+"PASS\n"), 0o644))
			var stdout, stderr bytes.Buffer
			args := []string{"history", "add", "-db", db, "-rev", fmt.Sprintf("r%02d", i), "-time", fmt.Sprintf("2026-11-%02dT00:00:00Z", i+1), file}
			require.Equal(t, 0, run(&stdout, &stderr, args), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(&stdout, &stderr, []string{"report", "-history", db, file, "-o", html}), stderr.String())

	dom, logs := headless(t, html, "--dump-dom")
	assert.Contains(t, dom, `<div class="chart" id="trend-mmap">`)
	assert.Contains(t, dom, "mmap trend (headline row): Mmap/cache=cold/prefault=populate/access=seq, ns/op")
	assert.Contains(t, dom, "m2: change at r05, +10.0%")
	assert.Equal(t, 6, strings.Count(dom, "<svg"), "the five family charts (one file: the shipped reference's rows too) and the mmap trend")
	assert.NotContains(t, logs, ":CONSOLE", "the page logged to the console")
}

// TestChromiumFirstScreen renders the report of one fresh file, as the
// quick start makes it, at 1300×1600 and checks, from Chromium's layout,
// that the summary and its answer to "good for Go work?" lie above the
// fold, with no warning on the page.
func TestChromiumFirstScreen(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("needs headless Chromium at %s: %v", chromium, err)
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(&stdout, &stderr, []string{"report", tdReport + "standin-throttled-vda.txt", "-o", html}), stderr.String())
	page, err := os.ReadFile(html)
	require.NoError(t, err)
	probe := `<script>
const li = [...document.querySelectorAll("ul.summary li")];
const answer = li.find(e => e.textContent.startsWith("Good for Go work?"));
document.body.dataset.summaryBottom = Math.round(document.querySelector("ul.summary").getBoundingClientRect().bottom);
document.body.dataset.answerBottom = answer ? Math.round(answer.getBoundingClientRect().bottom) : -1;
document.body.dataset.notes = document.querySelectorAll(".note").length;
</script></body>`
	require.NoError(t, os.WriteFile(html, bytes.Replace(page, []byte("</body>"), []byte(probe), 1), 0o644))

	dom, _ := headless(t, html, "--window-size=1300,1600", "--dump-dom")
	attr := func(name string) int {
		_, rest, ok := strings.Cut(dom, name+`="`)
		require.True(t, ok, "%s not set: the probe did not run", name)
		n, err := strconv.Atoi(rest[:strings.IndexByte(rest, '"')])
		require.NoError(t, err)
		return n
	}
	assert.Positive(t, attr("data-answer-bottom"), "the summary answers whether the machine is good for Go work")
	assert.LessOrEqual(t, attr("data-summary-bottom"), 1600, "the first machine's summary is on the first screen")
	assert.Equal(t, 0, attr("data-notes"), "no warning for one file against the shipped reference")
}
