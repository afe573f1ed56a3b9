package directio

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKnobNames(t *testing.T) {
	assert.Equal(t, "BENCHRIG_DIRECTIO_FILE_SIZE", knob(knobFileSize))
}

// loadConfigCase is one TestLoadConfig case: loadConfig with env and
// -short gives the sizes, the error or the note.
type loadConfigCase struct {
	name      string
	env       map[string]string
	short     bool
	want      int64
	wantWrite int64
	wantErr   string
	wantNote  string
}

var loadConfigCases = []loadConfigCase{
	{name: "default", want: gib, wantWrite: 256 * mib},
	{name: "short", short: true, want: 64 * mib, wantWrite: 16 * mib},
	{name: "override", env: newName("256MiB"), want: 256 * mib, wantWrite: 64 * mib},
	{name: "override-beats-short", env: newName("128MiB"), short: true, want: 128 * mib, wantWrite: 32 * mib},
	{name: "smallest", env: newName("4MiB"), want: 4 * mib, wantWrite: mib},
	{name: "write-rounds-down", env: newName("6MiB"), want: 6 * mib, wantWrite: mib},
	{name: "empty-is-unset", env: newName(""), want: gib, wantWrite: 256 * mib},
	{name: "too-small", env: newName("1MiB"), wantErr: "BENCHRIG_DIRECTIO_FILE_SIZE=1MiB: the data file must be at least 4MiB; set BENCHRIG_DIRECTIO_FILE_SIZE=4MiB or larger, e.g. BENCHRIG_DIRECTIO_FILE_SIZE=64MiB"},
	{name: "not-whole-mib", env: newName("4100KiB"), wantErr: "BENCHRIG_DIRECTIO_FILE_SIZE=4100KiB: the data file must be a whole number of MiB (the largest block is 1MiB); set BENCHRIG_DIRECTIO_FILE_SIZE=5MiB (rounded up)"},
	{name: "bad-syntax", env: newName("1GB"), wantErr: `BENCHRIG_DIRECTIO_FILE_SIZE=1GB: size "1GB": want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB; set BENCHRIG_DIRECTIO_FILE_SIZE=64MiB, or unset it for the default (1GiB, 64MiB with -short)`},
	{name: "not-a-size", env: newName("abc"), wantErr: `BENCHRIG_DIRECTIO_FILE_SIZE=abc: size "abc"`},
	{
		name: "deprecated-name-works", env: map[string]string{deprecatedFileSize: "128MiB"},
		want: 128 * mib, wantWrite: 32 * mib,
		wantNote: "BENCHRIG_DIO_FILE_SIZE is deprecated; set BENCHRIG_DIRECTIO_FILE_SIZE=128MiB instead (it means the same)",
	},
	{
		name: "new-name-wins", env: map[string]string{deprecatedFileSize: "128MiB", knob(knobFileSize): "8MiB"},
		want: 8 * mib, wantWrite: 2 * mib,
		wantNote: "BENCHRIG_DIO_FILE_SIZE=128MiB is ignored: BENCHRIG_DIRECTIO_FILE_SIZE=8MiB is set and wins; unset BENCHRIG_DIO_FILE_SIZE, the deprecated name",
	},
	{
		name: "new-name-wins-over-bad-old", env: map[string]string{deprecatedFileSize: "junk", knob(knobFileSize): "8MiB"},
		want: 8 * mib, wantWrite: 2 * mib,
		wantNote: "BENCHRIG_DIO_FILE_SIZE=junk is ignored",
	},
	{
		name: "deprecated-name-bad", env: map[string]string{deprecatedFileSize: "1GB"},
		wantErr:  `BENCHRIG_DIO_FILE_SIZE=1GB: size "1GB"`,
		wantNote: "BENCHRIG_DIO_FILE_SIZE is deprecated",
	},
}

// TestLoadConfig checks each knob value and each error one by one: every
// error names the variable and its bad value and says what to set instead.
func TestLoadConfig(t *testing.T) {
	for _, tc := range loadConfigCases {
		t.Run(tc.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) {
				v, ok := tc.env[k]
				return v, ok
			}
			var notes []string
			note := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }
			c, err := loadConfig(lookup, tc.short, note)
			if tc.wantNote == "" {
				assert.Empty(t, notes)
			} else {
				require.Len(t, notes, 1)
				assert.Contains(t, notes[0], tc.wantNote)
			}
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.fileSize)
			assert.Equal(t, tc.wantWrite, c.writeSize())
		})
	}
}

// TestLoadConfigFixesWork checks that the values the errors suggest are
// accepted.
func TestLoadConfigFixesWork(t *testing.T) {
	for _, fix := range []string{"4MiB", "64MiB", "5MiB"} {
		_, err := loadConfig(func(k string) (string, bool) { return fix, k == knob(knobFileSize) }, false, t.Logf)
		assert.NoError(t, err, fix)
	}
}

func newName(v string) map[string]string { return map[string]string{knob(knobFileSize): v} }
