package directio

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		want    int64
		wantErr string
	}{
		{name: "bytes", in: "4096", want: 4096},
		{name: "bytes-suffix", in: "512B", want: 512},
		{name: "kib", in: "4KiB", want: 4 * kib},
		{name: "mib", in: "64MiB", want: 64 * mib},
		{name: "gib", in: "1GiB", want: gib},
		{name: "tib", in: "2TiB", want: 2 << 40},
		{name: "surrounding-space", in: " 1GiB\n", want: gib},
		{name: "si-suffix", in: "1GB", wantErr: "IEC suffix"},
		{name: "bare-letter", in: "1G", wantErr: "IEC suffix"},
		{name: "lowercase-unit", in: "1gib", wantErr: "IEC suffix"},
		{name: "fraction", in: "1.5GiB", wantErr: "IEC suffix"},
		{name: "space-inside", in: "1 GiB", wantErr: "IEC suffix"},
		{name: "negative", in: "-1MiB", wantErr: "IEC suffix"},
		{name: "plus-sign", in: "+1MiB", wantErr: "IEC suffix"},
		{name: "zero", in: "0", wantErr: "must be positive"},
		{name: "empty", in: "", wantErr: "IEC suffix"},
		{name: "unit-only", in: "MiB", wantErr: "IEC suffix"},
		{name: "overflow-multiply", in: "9000000TiB", wantErr: "too large"},
		{name: "overflow-parse", in: "99999999999999999999", wantErr: "too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFormatSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   int64
		want string
	}{
		{"4KiB", 4 * kib, "4KiB"},
		{"1MiB", mib, "1MiB"},
		{"1GiB", gib, "1GiB"},
		{"1536KiB", 1536 * kib, "1536KiB"},
		{"not-a-kib-multiple", 1000, "1000B"},
		{"zero", 0, "0B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, formatSize(tc.in))
			if tc.in > 0 {
				back, err := parseSize(formatSize(tc.in))
				require.NoError(t, err)
				assert.Equal(t, tc.in, back, "round trip")
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	for _, tc := range []struct {
		name      string
		env       string // "" leaves BENCHRIG_DIO_FILE_SIZE empty
		short     bool
		want      int64
		wantWrite int64
		wantErr   string
	}{
		{name: "default", want: gib, wantWrite: 256 * mib},
		{name: "short", short: true, want: 64 * mib, wantWrite: 16 * mib},
		{name: "override", env: "256MiB", want: 256 * mib, wantWrite: 64 * mib},
		{name: "override-beats-short", env: "128MiB", short: true, want: 128 * mib, wantWrite: 32 * mib},
		{name: "smallest", env: "4MiB", want: 4 * mib, wantWrite: mib},
		{name: "write-rounds-down", env: "6MiB", want: 6 * mib, wantWrite: mib},
		{name: "too-small", env: "1MiB", wantErr: "at least 4MiB"},
		{name: "not-whole-mib", env: "4100KiB", wantErr: "whole number of MiB"},
		{name: "bad-syntax", env: "1GB", wantErr: "IEC suffix"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvFileSize, tc.env)
			c, err := loadConfig(tc.short)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.Contains(t, err.Error(), EnvFileSize, "the error names the variable")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.fileSize)
			assert.Equal(t, tc.wantWrite, c.writeSize())
		})
	}
}

func TestMatrixNames(t *testing.T) {
	for _, short := range []bool{false, true} {
		seen := map[string]bool{}
		for _, c := range matrix(short) {
			name := c.String()
			assert.Regexp(t, `^op=(randread|seqread|seqwrite|randwrite)/bs=(4KiB|1MiB)/qd=(1|2|4|16)/io=(direct|buffered)/sync=(none|dsync)$`, name)
			assert.False(t, seen[name], "duplicate %s", name)
			seen[name] = true
		}
	}
	for _, c := range shortMatrix {
		assert.Contains(t, fullMatrix, c, "-short runs a subset of the default matrix")
	}
}
