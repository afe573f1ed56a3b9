package mmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKnobNames(t *testing.T) {
	assert.Equal(t, "BENCHRIG_MMAP_SIZE", knob(knobSize))
}

// TestLoadConfig checks each knob value and each error one by one: every
// error names the variable and its bad value and says what to set instead.
func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     string // "" leaves BENCHRIG_MMAP_SIZE unset
		short   bool
		want    int64
		wantErr string
	}{
		{name: "default", want: 64 << 20},
		{name: "short", short: true, want: 16 << 20},
		{name: "env-overrides", env: "1GiB", want: 1 << 30},
		{name: "env-overrides-short", env: "8MiB", short: true, want: 8 << 20},
		{name: "env-bytes", env: "8192", want: 8192},
		{name: "bad-suffix", env: "64MB", wantErr: `BENCHRIG_MMAP_SIZE=64MB: size "64MB": want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB; set BENCHRIG_MMAP_SIZE=64MiB, or unset it for the default (64MiB, 16MiB with -short)`},
		{name: "not-a-size", env: "abc", wantErr: `BENCHRIG_MMAP_SIZE=abc: size "abc": want a positive integer`},
		{name: "zero", env: "0", wantErr: `BENCHRIG_MMAP_SIZE=0: size "0": must be positive`},
		{name: "not-page-multiple", env: "1000", wantErr: "BENCHRIG_MMAP_SIZE=1000: 1000 bytes is not a whole number of 4096-byte pages; set BENCHRIG_MMAP_SIZE=4KiB (rounded up to a page)"},
		{name: "not-page-multiple-large", env: "12289", wantErr: "set BENCHRIG_MMAP_SIZE=16KiB (rounded up to a page)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) {
				require.Equal(t, "BENCHRIG_MMAP_SIZE", k)
				return tt.env, tt.env != ""
			}
			got, err := loadConfig(lookup, tt.short, 4096)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), "BENCHRIG_MMAP_SIZE="+tt.env+":", "the error names the variable and the bad value")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.size)
		})
	}
}

// TestLoadConfigFixesWork checks that the value each error suggests is
// accepted.
func TestLoadConfigFixesWork(t *testing.T) {
	for _, fix := range []string{"64MiB", "4KiB", "16KiB"} {
		_, err := loadConfig(func(string) (string, bool) { return fix, true }, false, 4096)
		assert.NoError(t, err, fix)
	}
}
