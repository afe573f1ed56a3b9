package gate

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzGate feeds arbitrary bytes as base and head: Compare and Calibrate
// must return a report or an error naming the input, never panic, and every
// report must render in every format.
func FuzzGate(f *testing.F) {
	for _, pair := range [][2]string{
		{"base.txt", "head_pass.txt"},
		{"base.txt", "head_regress.txt"},
		{"few_base.txt", "few_head.txt"},
		{"base.txt", "other_machine.txt"},
	} {
		a, err := os.ReadFile(filepath.Join("testdata", pair[0]))
		if err != nil {
			f.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join("testdata", pair[1]))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(a, b)
	}
	f.Add([]byte(""), []byte("BenchmarkA 1 1 ns/op\n"))
	f.Add([]byte("Unit x better=higher\nBenchmarkA-2 1 NaN x\n"), []byte("BenchmarkA-2 1 0 x\n"))
	f.Fuzz(func(t *testing.T, base, head []byte) {
		for _, allow := range []bool{false, true} {
			opts := Options{AllowFew: allow, CrossMachine: allow}
			rep, err := Compare(Input{"base", bytes.NewReader(base)}, Input{"head", bytes.NewReader(head)}, opts)
			checkErr(t, err)
			if rep != nil {
				for _, f := range []Format{Text, Markdown, JSON} {
					if err := rep.Write(io.Discard, f); err != nil {
						t.Fatalf("write %s: %v", f, err)
					}
				}
				if c := rep.ExitCode(); c < 0 || c > 2 {
					t.Fatalf("exit code %d", c)
				}
			}
			c, err := Calibrate(Input{"base", bytes.NewReader(base)}, Input{"head", bytes.NewReader(head)}, opts)
			checkErr(t, err)
			if c != nil {
				for _, f := range []Format{Text, Markdown, JSON} {
					if err := c.Write(io.Discard, f); err != nil {
						t.Fatalf("calibrate write %s: %v", f, err)
					}
				}
			}
		}
	})
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ies InputErrors
	var ie *InputError
	if !errors.As(err, &ies) && !errors.As(err, &ie) {
		t.Fatalf("error of type %T is not an input error: %v", err, err)
	}
}
