package directio

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
