package harness

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/perf/benchfmt"
)

// The fuzz targets below reach well over 10,000 executions in 60 s on a
// shared 2-vCPU machine with
//
//	go test ./harness -run '^$' -fuzz '^FuzzParseSize$' -fuzztime 60s -fuzzminimizetime 1s
//
// (likewise for FuzzBenchDir and FuzzMachineLabel). -fuzzminimizetime 1s
// matters: without it the worker may spend the whole minute minimizing the
// first new input it finds. Seed corpora are in testdata/fuzz/<target>.

// FuzzParseSize: ParseSize never panics, accepts only positive sizes,
// ignores surrounding white space, and what it accepts round-trips through
// FormatSize.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"4096", "512B", "64KiB", "1MiB", "1GiB", "2TiB", " 8MiB\t", "64MB", "1G", "0", "-1", "1.5GiB", "9223372036854775807", "8388608TiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "size ") {
				t.Fatalf("ParseSize(%q) error %q does not start by quoting the size", s, err)
			}
			return
		}
		if n <= 0 {
			t.Fatalf("ParseSize(%q) = %d, want > 0", s, n)
		}
		if m, err := ParseSize(strings.TrimSpace(s)); err != nil || m != n {
			t.Fatalf("ParseSize(TrimSpace(%q)) = %d, %v; want %d", s, m, err, n)
		}
		if m, err := ParseSize(FormatSize(n)); err != nil || m != n {
			t.Fatalf("ParseSize(FormatSize(%d) = %q) = %d, %v", n, FormatSize(n), m, err)
		}
	})
}

// FuzzBenchDir: any BENCHRIG_DIR value is either accepted as an absolute
// directory or refused with a message that names the variable and its
// value; nothing is created (create is false).
func FuzzBenchDir(f *testing.F) {
	dir := f.TempDir()
	for _, s := range []string{dir, "relative", "/nonexistent/benchrig", "/dev/null", "/proc/self", dir + "/../x", "/\x00x", "//", "/tmp/a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, err := benchDirFrom(v, false)
		switch {
		case v == "":
			if err == nil && !filepath.IsAbs(got) {
				t.Fatalf("default %q is not absolute", got)
			}
		case err != nil:
			if msg := err.Error(); !strings.Contains(msg, envDir+"=") || !strings.Contains(msg, "; ") {
				t.Fatalf("benchDirFrom(%q): %q names neither the variable nor a fix", v, msg)
			}
		case got != v || !filepath.IsAbs(got):
			t.Fatalf("benchDirFrom(%q) = %q, want the value itself, absolute", v, got)
		}
	})
}

// FuzzMachineLabel: whatever BENCHRIG_MACHINE holds, the machine config
// line is one line that benchfmt reads back as exactly that key with the
// cleaned value: one non-empty token with no white space.
func FuzzMachineLabel(f *testing.F) {
	for _, s := range []string{"lab box 1", "", " \t", "ci-runner", "a\nmachine: evil", "x\u00a0y", "\x00", "ünïcode", "k: v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var buf bytes.Buffer
		if err := writeConfig(&buf, []Config{{"machine", v}}); err != nil {
			t.Fatal(err)
		}
		clean := cleanValue(v)
		if clean == "" || strings.IndexFunc(clean, unicode.IsSpace) >= 0 {
			t.Fatalf("cleanValue(%q) = %q, want one non-empty token", v, clean)
		}
		r := benchfmt.NewReader(strings.NewReader(buf.String()+"BenchmarkX 1 1 ns/op\n"), "fuzz")
		var res *benchfmt.Result
		for r.Scan() {
			switch rec := r.Result().(type) {
			case *benchfmt.Result:
				res = rec
			case *benchfmt.SyntaxError:
				t.Fatalf("machine line %q: %v", buf.String(), rec)
			}
		}
		if res == nil {
			t.Fatalf("no result read after %q", buf.String())
		}
		if len(res.Config) != 1 || res.Config[0].Key != "machine" || string(res.Config[0].Value) != clean {
			t.Fatalf("BENCHRIG_MACHINE=%q: config read back as %v, want machine: %q", v, res.Config, clean)
		}
	})
}
