package gate

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/testutil"
)

func open(t *testing.T, name string) Input {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return Input{Name: name, R: f}
}

func str(name, s string) Input { return Input{Name: name, R: strings.NewReader(s)} }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "golden", name), got)
}

func TestCompareGolden(t *testing.T) {
	thr, err := ParseThresholds("5%,p99-ns=20%")
	require.NoError(t, err)
	cases := []struct {
		name       string
		base, head string
		opts       Options
		verdict    Verdict
		exit       int
	}{
		{"pass", "base.txt", "head_pass.txt", Options{}, "pass", 0},
		{"regress", "base.txt", "head_regress.txt", Options{}, "fail", 1},
		{"regress_p99_override", "base.txt", "head_regress.txt", Options{Threshold: thr}, "fail", 1},
		{"mismatch", "base.txt", "head_mismatch.txt", Options{}, "pass", 0},
		{"few", "few_base.txt", "few_head.txt", Options{}, "insufficient", 2},
		{"few_allowed", "few_base.txt", "few_head.txt", Options{AllowFew: true}, "pass", 0},
		{"cross_machine", "base.txt", "other_machine.txt", Options{CrossMachine: true}, "pass", 0},
		{"filter_units", "base.txt", "head_regress.txt", Options{Filter: "pkg:/directio/", Units: []string{"io/s", "p99-ns"}}, "fail", 1},
		{"ab_pass", "ab_base.txt", "ab_head_pass.txt", Options{}, "pass", 0},
		{"ab_regress", "ab_base.txt", "ab_head_regress.txt", Options{}, "fail", 1},
		{"ab_busy", "ab_base.txt", "ab_head_busy.txt", Options{}, "pass", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Compare(open(t, tc.base), open(t, tc.head), tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.verdict, rep.Verdict)
			assert.Equal(t, tc.exit, rep.ExitCode())
			for _, f := range []Format{Text, Markdown, JSON} {
				var buf bytes.Buffer
				require.NoError(t, rep.Write(&buf, f))
				ext := map[Format]string{Text: "txt", Markdown: "md", JSON: "json"}[f]
				golden(t, tc.name+"."+ext, buf.Bytes())
			}
		})
	}
}

func TestRegressionRows(t *testing.T) {
	rep, err := Compare(open(t, "base.txt"), open(t, "head_regress.txt"), Options{})
	require.NoError(t, err)
	got := map[string]Status{}
	for _, r := range rep.Rows {
		got[r.Name+" "+r.Unit] = r.Status
	}
	assert.Equal(t, Regressed, got["Mmap/size=4KiB ns/op"], "+10% ns/op is worse")
	assert.Equal(t, Reported, got["DirectIO/op=randread/bs=4KiB/qd=1/io=direct io/s"], "a rate of a row with ns/op is reported, not tested")
	assert.Equal(t, Reported, got["DirectIO/op=randread/bs=4KiB/qd=1/io=direct p99-ns"])
	assert.Equal(t, Improved, got["DirectIO/op=seqread/bs=1MiB/qd=1/io=direct ns/op"])
	assert.Equal(t, 1, rep.Regressed)
	assert.Equal(t, 4, rep.Compared)
	assert.Equal(t, 1, rep.Counted, "majflt/op")

	// -units opts a rate in: -12% io/s is worse (higher is better).
	rep, err = Compare(open(t, "base.txt"), open(t, "head_regress.txt"), Options{Units: []string{"ns/op", "io/s"}})
	require.NoError(t, err)
	for _, r := range rep.Rows {
		got[r.Name+" "+r.Unit] = r.Status
	}
	assert.Equal(t, Regressed, got["DirectIO/op=randread/bs=4KiB/qd=1/io=direct io/s"])
	assert.Equal(t, 2, rep.Regressed)
}

func TestCrossMachineMatchesRows(t *testing.T) {
	// other_machine.txt differs in machine, cpu, kernel and the -N suffix.
	_, err := Compare(open(t, "base.txt"), open(t, "other_machine.txt"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "other_machine.txt:10: refusing to compare runs of different machines: machine")
	assert.Contains(t, err.Error(), "-cross-machine")

	rep, err := Compare(open(t, "base.txt"), open(t, "other_machine.txt"), Options{CrossMachine: true})
	require.NoError(t, err)
	assert.Empty(t, rep.OnlyBase)
	assert.Empty(t, rep.OnlyHead)
	assert.Len(t, rep.Rows, 10)
	keys := []string{}
	for _, d := range rep.Config {
		keys = append(keys, d.Key)
	}
	assert.Equal(t, []string{"cpu", "kernel", "machine"}, keys)

	// With -ignore none the GOMAXPROCS suffix splits every row.
	_, err = Compare(open(t, "base.txt"), open(t, "other_machine.txt"), Options{CrossMachine: true, Ignore: "none"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no benchmark row is in both")
}

const hdr = "pkg: example.com/p\nmachine: m\n"

func rows(name, unit string, vals ...float64) string {
	var b strings.Builder
	for _, v := range vals {
		fmt.Fprintf(&b, "Benchmark%s-2 \t 100\t %v %s\n", name, v, unit)
	}
	b.WriteString("PASS\n")
	return b.String()
}

func ten(v float64) []float64 {
	out := make([]float64, 10)
	for i := range out {
		out[i] = v
	}
	return out
}

// paired is a file of one interleaved side: pairs from..to of row A, one
// result each.
func paired(from, to int, order string) string {
	var b strings.Builder
	b.WriteString(hdr)
	for k := from; k <= to; k++ {
		fmt.Fprintf(&b, "pair: %d\npair-order: %s\nBenchmarkA-2 100 %d ns/op\n\n", k, order, 10+k)
	}
	b.WriteString("PASS\n")
	return b.String()
}

func TestBadInput(t *testing.T) {
	good := hdr + rows("A", "ns/op", 1, 2, 3, 4, 5, 6)
	long := hdr + "BenchmarkA-2 1 " + strings.Repeat("1", 70000) + " ns/op\n"
	cases := []struct {
		name       string
		base, head string
		opts       Options
		want       string // substring of the error
	}{
		{"empty", "", good, Options{}, "base:1: not benchmark results: empty file"},
		{"no benchmarks", "goos: linux\nPASS\nok  x 1s\n", good, Options{}, "base:1: not benchmark results: no benchmark result lines in 3 lines"},
		{"malformed", hdr + "BenchmarkA-2 100 12 ns/op\nBenchmarkA-2 abc 12 ns/op\n", good, Options{}, "base:4: malformed line: parsing iteration count"},
		{"missing unit", good, hdr + "BenchmarkA-2 100 12\n", Options{}, "head:3: the run was cut short: value 12 has no unit"},
		{"nan", good, hdr + "BenchmarkA-2 100 NaN ns/op\n", Options{}, "head:3: ns/op: value NaN is not a finite number"},
		{"inf", hdr + "BenchmarkA-2 100 +Inf ns/op\n", good, Options{}, "base:3: ns/op: value +Inf is not a finite number"},
		{"duplicate unit", hdr + "BenchmarkA-2 100 1 ns/op 2 ns/op\n", good, Options{}, "base:3: unit ns/op reported twice"},
		{"bad better", "Unit x/op better=sideways\n" + good, good, Options{}, "base:1: Unit x/op better=sideways: want better=higher or better=lower"},
		{"conflicting better", "Unit ns/op better=higher\n" + good, "Unit ns/op better=lower\n" + good, Options{}, "head:1: Unit ns/op better=lower contradicts better=higher at base:1"},
		{"conflicting metadata in one file", "Unit ns/op better=higher\nUnit ns/op better=lower\n" + good, good, Options{}, "base:2: malformed line: metadata better of unit ns/op already set"},
		{"long line", long, good, Options{}, "base:3: malformed line: line longer than 65535 bytes"},
		{"filter keeps nothing", good, good, Options{Filter: "pkg:nope"}, `base: -filter "pkg:nope" -units "" keep none of 6 results`},
		{"no common rows", good, hdr + rows("B", "ns/op", 1, 2, 3, 4, 5, 6), Options{}, "no benchmark row is in both base and head"},
		{"other cpu", "cpu: a\n" + good, "cpu: b\n" + good, Options{}, `head:4: refusing to compare runs of different machines: cpu "b" here but "a" at base:4`},
		{"bad filter", good, good, Options{Filter: "a:("}, "-filter"},
		{"bad alpha", good, good, Options{Alpha: 2}, "-alpha 2 out of range"},
		{"interrupted after the last result", good, good + "interrupted: SIGTERM\n", Options{}, "head:10: interrupted: SIGTERM: this run was stopped before it finished"},
		{"interrupted without a newline", "interrupted: SIGINT", good, Options{}, "base:1: the run was cut short: the file ends in the middle of this line"},
		{"pair on one side only", paired(1, 6, "ab"), good, Options{}, "base:5: pair data here but none in head"},
		{"pair missing a side", paired(1, 6, "ab"), paired(1, 5, "ab"), Options{}, "base:25: pair 6 of example.com/p A has no result in head"},
		{"duplicated pair", paired(1, 6, "ab") + "pair: 3\nBenchmarkA-2 100 9 ns/op\n", paired(1, 6, "ab"), Options{}, "base:29: pair 3 of example.com/p A appears again (first at base:13)"},
		{"mixed paired and unpaired", good + paired(1, 6, "ab"), paired(1, 6, "ab"), Options{}, "base:3: this result has no pair: line but the one at base:"},
		{"bad pair number", "pair: x\npair-order: ab\n" + good, good, Options{}, `base:5: pair: "x" is not a pair number`},
		{"bad pair order", paired(1, 6, "up"), paired(1, 6, "ab"), Options{}, `base:5: pair 1: pair-order "up": want pair-order: ab or pair-order: ba`},
		{"pair order differs", paired(1, 6, "ab"), strings.Replace(paired(1, 6, "ab"), "pair-order: ab", "pair-order: ba", 1), Options{}, "head:5: pair 1: pair-order ba here but ab at base:5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Compare(str("base", tc.base), str("head", tc.head), tc.opts)
			require.Error(t, err)
			assert.Nil(t, rep)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestDefinedResults(t *testing.T) {
	cases := []struct {
		name   string
		base   []float64
		head   []float64
		unit   string
		status Status
		change *float64
		note   string
	}{
		{"identical constant sides", ten(5), ten(5), "ns/op", NoChange, ptr(0), "all samples on both sides are equal"},
		{"constant sides, worse", ten(100), ten(110), "ns/op", Regressed, ptr(0.10), ""},
		{"constant sides, within threshold", ten(100), ten(103), "ns/op", WithinThresh, ptr(0.03), ""},
		{"constant sides, better", ten(100), ten(90), "ns/op", Improved, ptr(-0.10), ""},
		{"zero base, worse", ten(0), ten(3), "majflt/op", Regressed, nil, ""},
		{"higher is better", ten(100), ten(80), "io/s", Regressed, ptr(-0.20), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Compare(str("base", hdr+rows("A", tc.unit, tc.base...)), str("head", hdr+rows("A", tc.unit, tc.head...)), Options{})
			require.NoError(t, err)
			require.Len(t, rep.Rows, 1)
			row := rep.Rows[0]
			assert.Equal(t, tc.status, row.Status)
			if tc.change == nil {
				assert.Nil(t, row.Change)
			} else {
				require.NotNil(t, row.Change)
				assert.InDelta(t, *tc.change, *row.Change, 1e-9)
			}
			if tc.note != "" {
				assert.Contains(t, strings.Join(row.Notes, "\n"), tc.note)
			}
			for _, f := range []Format{Text, Markdown, JSON} {
				require.NoError(t, rep.Write(io.Discard, f))
			}
		})
	}
}

func TestMixedUnitsAndGomaxprocs(t *testing.T) {
	// Row A reports ns/op on every line but B/op on only some; head
	// reports sec/op instead of ns/op (a different unit, not compared).
	base := hdr + rows("A", "ns/op", 1, 2, 3, 4, 5, 6) + "BenchmarkA-2 100 7 ns/op 10 B/op\nPASS\n"
	head := hdr + rows("A", "sec/op", 1, 2, 3, 4, 5, 6) + "BenchmarkA-2 100 7 sec/op 10 B/op\nPASS\n"
	rep, err := Compare(str("base", base), str("head", head), Options{AllowFew: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"example.com/p A (ns/op)"}, rep.OnlyBase)
	assert.Equal(t, []string{"example.com/p A (sec/op)"}, rep.OnlyHead)
	require.Len(t, rep.Rows, 1)
	assert.Equal(t, "B/op", rep.Rows[0].Unit)
	assert.Equal(t, Insufficient, rep.Rows[0].Status)

	// Two GOMAXPROCS values for one row in one file are merged by the
	// default -ignore /gomaxprocs, and the row says so.
	mixed := hdr + rows("A", "ns/op", 1, 2, 3) + strings.ReplaceAll(rows("A", "ns/op", 1, 2, 3), "-2 ", "-4 ")
	rep, err = Compare(str("base", mixed), str("head", mixed), Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(rep.Rows[0].Notes, "\n"), "base mixes results that differ in /gomaxprocs")
}

// hugeReader yields a large benchmark file without holding it in memory.
type hugeReader struct {
	lines, i int
	buf      []byte
	closed   bool // PASS was written
}

func (h *hugeReader) Read(p []byte) (int, error) {
	for len(h.buf) == 0 {
		if h.i == h.lines {
			if h.closed {
				return 0, io.EOF
			}
			h.buf, h.closed = []byte("PASS\n"), true
			continue
		}
		if h.i == 0 {
			h.buf = []byte(hdr)
		} else {
			h.buf = fmt.Appendf(nil, "BenchmarkRow/i=%d-2 \t 100\t %d ns/op\n", h.i%50, 1000+h.i%7)
		}
		h.i++
	}
	n := copy(p, h.buf)
	h.buf = h.buf[n:]
	return n, nil
}

func TestHugeFileStreams(t *testing.T) {
	lines := 200_000
	if testing.Short() {
		lines = 20_000
	}
	rep, err := Compare(Input{"base", &hugeReader{lines: lines}}, Input{"head", &hugeReader{lines: lines}}, Options{})
	require.NoError(t, err)
	assert.Len(t, rep.Rows, 50)
	assert.Equal(t, Pass, rep.Verdict)
}
