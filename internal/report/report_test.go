package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

func TestGolden(t *testing.T) {
	p := page(t, "", machines...)
	var md, html bytes.Buffer
	require.NoError(t, p.Markdown(&md))
	require.NoError(t, p.HTML(&html))
	testutil.Golden(t, "testdata/golden/report.md", md.Bytes())
	testutil.Golden(t, "testdata/golden/report.html", html.Bytes())
}

func TestHTMLSelfContained(t *testing.T) {
	var html bytes.Buffer
	require.NoError(t, page(t, "", machines...).HTML(&html))
	s := html.String()
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import"} {
		assert.NotContains(t, s, bad, "the page must need no network and no scripts")
	}
	assert.Equal(t, 5, strings.Count(s, "<svg"), "one chart per family, plus directio latency")
}

func TestReadRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"empty", "testdata/bad/empty.txt", "testdata/bad/empty.txt:1: not benchmark results: empty file"},
		{"no config lines", "testdata/bad/nomachine.txt", "testdata/bad/nomachine.txt:3: result without a machine: config line"},
		{"malformed", "testdata/bad/malformed.txt", "testdata/bad/malformed.txt:3:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(inputs(t, tc.file))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestNotes(t *testing.T) {
	d := readData(t, "testdata/bad/odd.txt", "testdata/bad/other.txt")
	notes := strings.Join(d.Notes, "\n")
	for _, want := range []string{
		"testdata/bad/odd.txt:11: the run was interrupted (SIGINT)",
		"different benchrig versions: v1 (testdata/bad/odd.txt:5); v2 (testdata/bad/other.txt:4)",
		"testdata/bad/odd.txt:5: unit furlongs/op is unknown to this report",
	} {
		assert.Contains(t, notes, want)
	}
}

func TestMissingRows(t *testing.T) {
	p := page(t, "testdata/bad/other.txt", "testdata/bad/odd.txt", "testdata/bad/other.txt")
	odd := p.Data.Machines[0]
	for _, tc := range []struct {
		name, row, want string
	}{
		{"harness skip note", "FalseSharing/layout=pad64/goroutines=2", "skipped: needs 2 CPUs, this machine has 1 (testdata/bad/odd.txt:4)"},
		{"go test skip", "DirectIO/op=randread/bs=4KiB/qd=1/io=direct/sync=none", "skipped: directio_test.go:99: BENCHRIG_DIR is on tmpfs"},
		{"never run", "Mmap/size=64MiB", "not run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Contains(t, odd.Missing(tc.row), tc.want)
		})
	}
	var fs FamilyView
	for _, f := range p.Families {
		if f.Family == "falseshare" {
			fs = f
		}
	}
	require.Len(t, fs.Rows, 2)
	pad := fs.Rows[1].Cells[0]
	assert.Contains(t, pad.Missing, "needs 2 CPUs", "a skipped row shows its reason, never a zero")
	assert.Zero(t, pad.Stat.N)
	assert.Equal(t, "other", p.Ref.Label, "-ref picks the machine of that file")
}

func TestBusy(t *testing.T) {
	d := readData(t, "testdata/bad/odd.txt", "testdata/bad/other.txt")
	for _, tc := range []struct {
		name, machine, row, want string
	}{
		{"other-cpus and other-runs", "odd", "falseshare/FalseSharing/layout=packed/goroutines=2", "median other-cpus 0.30 ≥ 0.25 (other processes used the CPUs); 1 other benchrig run(s) in the same BENCHRIG_DIR"},
		{"steal below limit", "other", "falseshare/FalseSharing/layout=packed/goroutines=2", ""},
		{"steal over limit", "other", "falseshare/FalseSharing/layout=pad64/goroutines=2", "median steal-cpus 0.20 ≥ 0.10 (the hypervisor took the CPUs)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, m := range d.Machines {
				if m.Label == tc.machine {
					assert.Equal(t, tc.want, m.Rows[tc.row].Busy())
				}
			}
		})
	}
}

func TestSummary(t *testing.T) {
	d := readData(t, machines[:3]...)
	s := d.Summary()
	assert.Contains(t, s, "read reference.txt: 318 results, machine vm-bhyve-2vcpu-quiet")
	assert.Contains(t, s, "3 files, 99 rows, 3 machines")
}
