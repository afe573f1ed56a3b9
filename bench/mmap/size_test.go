package mmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int64
		wantErr string
	}{
		{"bytes", "1048576", 1 << 20, ""},
		{"bytes-suffix", "8192B", 8192, ""},
		{"kib", "4KiB", 4 << 10, ""},
		{"mib", "64MiB", 64 << 20, ""},
		{"gib", "1GiB", 1 << 30, ""},
		{"tib", "2TiB", 2 << 40, ""},
		{"empty", "", 0, "want bytes or an integer with KiB"},
		{"si-suffix", "64MB", 0, "want bytes or an integer with KiB"},
		{"short-suffix", "64M", 0, "want bytes or an integer with KiB"},
		{"lowercase-suffix", "64mib", 0, "want bytes or an integer with KiB"},
		{"fraction", "1.5GiB", 0, "want bytes or an integer with KiB"},
		{"space", "64 MiB", 0, "want bytes or an integer with KiB"},
		{"suffix-only", "MiB", 0, "want bytes or an integer with KiB"},
		{"b-only", "B", 0, "want bytes or an integer with KiB"},
		{"si-bytes", "64kB", 0, "want bytes or an integer with KiB"},
		{"zero", "0", 0, "want > 0"},
		{"zero-mib", "0MiB", 0, "want > 0"},
		{"negative", "-1MiB", 0, "want > 0"},
		{"overflow-mult", "9000000TiB", 0, "too large"},
		{"overflow-int", "99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), `"`+tt.in+`"`, "the error quotes the input")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		name string
		in   int64
		want string
	}{
		{"bytes", 1000, "1000B"},
		{"kib", 4096, "4KiB"},
		{"not-whole-mib", 1536 << 10, "1536KiB"},
		{"mib", 64 << 20, "64MiB"},
		{"gib", 1 << 30, "1GiB"},
		{"tib", 3 << 40, "3TiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, formatSize(tt.in))
			back, err := parseSize(tt.want)
			require.NoError(t, err)
			assert.Equal(t, tt.in, back, "formatSize round-trips through parseSize")
		})
	}
}

func TestDataSize(t *testing.T) {
	tests := []struct {
		name    string
		env     string
		short   bool
		want    int64
		wantErr string
	}{
		{"default", "", false, 64 << 20, ""},
		{"short", "", true, 16 << 20, ""},
		{"env-overrides", "1GiB", false, 1 << 30, ""},
		{"env-overrides-short", "8MiB", true, 8 << 20, ""},
		{"env-bytes", "8192", false, 8192, ""},
		{"bad-suffix", "64MB", false, 0, "BENCHRIG_MMAP_SIZE=64MB: size \"64MB\": want bytes or an integer with KiB, MiB, GiB or TiB; e.g. BENCHRIG_MMAP_SIZE=64MiB"},
		{"not-page-multiple", "1000", false, 0, "BENCHRIG_MMAP_SIZE=1000: 1000 bytes is not a whole number of 4096-byte pages; e.g. BENCHRIG_MMAP_SIZE=64MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				require.Equal(t, envSize, k)
				return tt.env
			}
			got, err := dataSize(getenv, tt.short, 4096)
			if tt.wantErr != "" {
				assert.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
