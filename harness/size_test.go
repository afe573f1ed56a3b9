package harness

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What ParseSize's errors say, by kind.
const (
	syntaxErr   = "want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB"
	positiveErr = "must be positive"
	tooLargeErr = "too large"
)

// parseSizeCase is one TestParseSize case.
type parseSizeCase struct {
	name    string
	in      string
	want    int64
	wantErr string // a substring of the error; "" means no error
}

var parseSizeCases = []parseSizeCase{
	// Accepted.
	{name: "bytes", in: "4096", want: 4096},
	{name: "bytes-mib", in: "1048576", want: 1 << 20},
	{name: "bytes-suffix", in: "512B", want: 512},
	{name: "bytes-suffix-8192", in: "8192B", want: 8192},
	{name: "kib", in: "4KiB", want: 4 << 10},
	{name: "mib", in: "64MiB", want: 64 << 20},
	{name: "gib", in: "1GiB", want: 1 << 30},
	{name: "tib", in: "2TiB", want: 2 << 40},
	{name: "not-a-multiple-of-the-next-unit", in: "1536KiB", want: 1536 << 10},
	{name: "leading-zeros", in: "0064MiB", want: 64 << 20},
	{name: "surrounding-space", in: " 1GiB\n", want: 1 << 30},
	{name: "max-bytes", in: "9223372036854775807", want: math.MaxInt64},
	{name: "max-bytes-suffix", in: "9223372036854775807B", want: math.MaxInt64},
	{name: "max-tib", in: "8388607TiB", want: 8388607 << 40},

	// Not IEC: SI, bare-letter, wrong case, unknown or missing number.
	{name: "si-suffix", in: "1GB", wantErr: syntaxErr},
	{name: "si-suffix-mb", in: "64MB", wantErr: syntaxErr},
	{name: "si-bytes", in: "64kB", wantErr: syntaxErr},
	{name: "bare-letter", in: "1G", wantErr: syntaxErr},
	{name: "bare-letter-m", in: "64M", wantErr: syntaxErr},
	{name: "iec-without-b", in: "64Mi", wantErr: syntaxErr},
	{name: "lowercase-unit", in: "1gib", wantErr: syntaxErr},
	{name: "lowercase-unit-mib", in: "64mib", wantErr: syntaxErr},
	{name: "uppercase-i", in: "1KIB", wantErr: syntaxErr},
	{name: "unsupported-pib", in: "1PiB", wantErr: syntaxErr},
	{name: "i-without-unit", in: "1iB", wantErr: syntaxErr},
	{name: "empty", in: "", wantErr: syntaxErr},
	{name: "only-space", in: "  ", wantErr: syntaxErr},
	{name: "unit-only", in: "MiB", wantErr: syntaxErr},
	{name: "b-only", in: "B", wantErr: syntaxErr},

	// Not a plain decimal integer.
	{name: "fraction", in: "1.5GiB", wantErr: syntaxErr},
	{name: "space-inside", in: "1 GiB", wantErr: syntaxErr},
	{name: "space-inside-64", in: "64 MiB", wantErr: syntaxErr},
	{name: "tab-inside", in: "1\tGiB", wantErr: syntaxErr},
	{name: "negative", in: "-1MiB", wantErr: syntaxErr},
	{name: "negative-bytes", in: "-4096", wantErr: syntaxErr},
	{name: "plus-sign", in: "+1MiB", wantErr: syntaxErr},
	{name: "underscore", in: "1_024KiB", wantErr: syntaxErr},
	{name: "hex", in: "0x1000", wantErr: syntaxErr},
	{name: "exponent", in: "1e6", wantErr: syntaxErr},
	{name: "non-ascii-digit", in: "٤KiB", wantErr: syntaxErr},

	// Zero.
	{name: "zero", in: "0", wantErr: positiveErr},
	{name: "zero-mib", in: "0MiB", wantErr: positiveErr},
	{name: "zero-b", in: "00B", wantErr: positiveErr},

	// Overflow, in the count or in the multiplication.
	{name: "overflow-parse", in: "99999999999999999999", wantErr: tooLargeErr},
	{name: "overflow-max-plus-one", in: "9223372036854775808", wantErr: tooLargeErr},
	{name: "overflow-multiply", in: "9000000TiB", wantErr: tooLargeErr},
	{name: "overflow-multiply-edge", in: "8388608TiB", wantErr: tooLargeErr},
	{name: "overflow-multiply-kib", in: "9007199254740992KiB", wantErr: tooLargeErr},
}

func TestParseSize(t *testing.T) {
	for _, tc := range parseSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSize(tc.in)
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			require.Error(t, err)
			assert.Zero(t, got)
			msg := err.Error()
			assert.Contains(t, msg, tc.wantErr)
			assert.True(t, strings.HasPrefix(msg, "size "+strconv.Quote(tc.in)+": "), "the error quotes the input: %s", msg)
			assert.Contains(t, msg, "e.g. 64MiB or 1GiB", "the error suggests the fix")
			assert.Equal(t, strings.ToLower(msg[:1]), msg[:1], "errors start lowercase")
		})
	}
}

func TestFormatSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   int64
		want string
	}{
		{"one-byte", 1, "1B"},
		{"bytes", 1000, "1000B"},
		{"bytes-512", 512, "512B"},
		{"kib", 4096, "4KiB"},
		{"not-whole-mib", 1536 << 10, "1536KiB"},
		{"mib", 1 << 20, "1MiB"},
		{"mib-64", 64 << 20, "64MiB"},
		{"gib", 1 << 30, "1GiB"},
		{"tib", 3 << 40, "3TiB"},
		{"tib-is-the-largest-unit", 1 << 50, "1024TiB"},
		{"max", math.MaxInt64, "9223372036854775807B"},
		{"zero", 0, "0B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, FormatSize(tc.in))
		})
	}
}

// TestSizeRoundTrip checks, over unit boundaries and pseudo-random sizes,
// that ParseSize(FormatSize(n)) == n for n > 0 and that FormatSize uses the
// largest suffix: the count before any suffix but TiB is not a multiple of
// 1024.
func TestSizeRoundTrip(t *testing.T) {
	var ns []int64
	for _, unit := range []int64{1, 1 << 10, 1 << 20, 1 << 30, 1 << 40} {
		for _, k := range []int64{1, 2, 3, 7, 512, 1023, 1024, 1025, 1536, 4096} {
			ns = append(ns, k*unit, k*unit+1, k*unit-1)
		}
	}
	ns = append(ns, math.MaxInt64, math.MaxInt64-1, math.MaxInt64/(1<<40)*(1<<40))
	r := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same sizes every run
	for range 2000 {
		ns = append(ns, r.Int64N(math.MaxInt64)+1)
		shift := r.IntN(44) // multiples of 2^shift, to hit every suffix
		ns = append(ns, (r.Int64N(1<<(62-shift))+1)<<shift)
	}

	for _, n := range ns {
		if n <= 0 {
			continue
		}
		s := FormatSize(n)
		got, err := ParseSize(s)
		require.NoError(t, err, "FormatSize(%d) = %q", n, s)
		require.Equal(t, n, got, "ParseSize(FormatSize(%d) = %q)", n, s)

		count := strings.TrimRight(s, "BKMGTi")
		suffix := s[len(count):]
		c, err := strconv.ParseInt(count, 10, 64)
		require.NoError(t, err, s)
		if suffix != "TiB" {
			require.NotZero(t, c%1024, "FormatSize(%d) = %q: a larger suffix divides it", n, s)
		}
	}
}
