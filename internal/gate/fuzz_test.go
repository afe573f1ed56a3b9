package gate

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// The fuzz targets keep each execution small and single: one Compare or
// Calibrate (chosen by a fuzzed byte) on inputs of at most maxFuzzInput
// bytes a side, with seeds of a few lines (testdata/fuzz/<Target>/). An
// execution then takes well under a millisecond, so the fuzzer's
// minimizer, which replays every new interesting input thousands of times
// with bytes removed, finishes in seconds. Larger inputs are no new
// ground for the parser (every line is parsed alone) but cost
// super-linearly in the exact U-test distribution; TestHugeFileStreams
// covers them.
//
// Run each target for a minute (the counts in doc.go were measured so):
//
//	go test ./internal/gate -run '^$' -fuzz '^FuzzGate$' -fuzztime 60s
//	go test ./internal/gate -run '^$' -fuzz '^FuzzThresholds$' -fuzztime 60s
//	go test ./internal/gate -run '^$' -fuzz '^FuzzPairs$' -fuzztime 60s
//
// Plain go test runs the seed corpus as ordinary tests.
const maxFuzzInput = 4 << 10

// FuzzGate feeds arbitrary bytes as base and head: Compare and Calibrate
// must return a report or an error naming the input, never panic, and every
// report must render in every format. mode's bits pick AllowFew,
// CrossMachine and Calibrate.
func FuzzGate(f *testing.F) {
	f.Fuzz(func(t *testing.T, base, head []byte, mode uint8) {
		if len(base) > maxFuzzInput || len(head) > maxFuzzInput {
			return
		}
		opts := Options{AllowFew: mode&1 != 0, CrossMachine: mode&2 != 0}
		b, h := Input{"base", bytes.NewReader(base)}, Input{"head", bytes.NewReader(head)}
		if mode&4 != 0 {
			c, err := Calibrate(b, h, opts)
			checkErr(t, err)
			if c != nil {
				writeAll(t, c)
			}
			return
		}
		rep, err := Compare(b, h, opts)
		checkErr(t, err)
		if rep == nil {
			return
		}
		writeAll(t, rep)
		if c := rep.ExitCode(); c < 0 || c > 2 {
			t.Fatalf("exit code %d", c)
		}
	})
}

// FuzzPairs feeds the two files of an interleaved run (its seeds carry
// pair:, pair-order:, busy metrics and interrupted: lines): pair data is
// either refused with an input error or pairs consistently, so that every
// tested time row of a paired report has its paired test over at most as
// many pairs as either side has samples.
func FuzzPairs(f *testing.F) {
	f.Fuzz(func(t *testing.T, base, head []byte) {
		if len(base) > maxFuzzInput || len(head) > maxFuzzInput {
			return
		}
		rep, err := Compare(Input{"base", bytes.NewReader(base)}, Input{"head", bytes.NewReader(head)}, Options{AllowFew: true})
		checkErr(t, err)
		if rep == nil {
			return
		}
		for _, row := range rep.Rows {
			if row.Status == Insufficient || row.Family != TimeFamily {
				continue
			}
			if rep.Paired != (row.Test == "yuen-t") {
				t.Fatalf("paired %v but row %s %s tested with %q", rep.Paired, row.Name, row.Unit, row.Test)
			}
			if row.Pairs > min(row.Base.N, row.Head.N) {
				t.Fatalf("row %s %s: %d pairs from %d+%d samples", row.Name, row.Unit, row.Pairs, row.Base.N, row.Head.N)
			}
		}
		writeAll(t, rep)
	})
}

// FuzzThresholds: ParseThresholds either fails or returns non-negative
// finite thresholds whose String parses back to the same String.
func FuzzThresholds(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseThresholds(s)
		if err != nil {
			return
		}
		for _, v := range append([]float64{th.Default}, mapValues(th.PerUnit)...) {
			if !(v >= 0) || v > 1e300 {
				t.Fatalf("%q: threshold %v", s, v)
			}
		}
		again, err := ParseThresholds(th.String())
		if err != nil {
			t.Fatalf("%q: String %q does not parse: %v", s, th.String(), err)
		}
		if again.String() != th.String() {
			t.Fatalf("%q: %q reparses as %q", s, th.String(), again.String())
		}
	})
}

func mapValues(m map[string]float64) []float64 {
	var vs []float64
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}

func writeAll(t *testing.T, w interface{ Write(io.Writer, Format) error }) {
	t.Helper()
	for _, f := range []Format{Text, Markdown, JSON} {
		if err := w.Write(io.Discard, f); err != nil {
			t.Fatalf("write %s: %v", f, err)
		}
	}
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
