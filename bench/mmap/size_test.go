package mmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		{"bad-suffix", "64MB", false, 0, "BENCHRIG_MMAP_SIZE=64MB: size \"64MB\": want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB; e.g. BENCHRIG_MMAP_SIZE=64MiB"},
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
