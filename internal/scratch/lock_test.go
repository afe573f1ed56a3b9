package scratch

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func itoa(i int) string { return strconv.Itoa(i) }

const tok = "0123456789abcdef0123456789abcdef"

func TestParseLock(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ok         bool
		want       lockInfo
	}{
		{"written by Create", string(lockContent(lockInfo{token: tok, pid: 42, start: 7})), true, lockInfo{tok, 42, 7}},
		{"empty", "", false, lockInfo{}},
		{"old format", "pid 42\nargs [\"x\"]\nstarted 2026-01-01T00:00:00Z\n", false, lockInfo{}},
		{"no token", "benchrig run lock 1\npid 42 start 7\n", false, lockInfo{}},
		{"short token", "benchrig run lock 1\ntoken abc\npid 42 start 7\n", false, lockInfo{}},
		{"upper-case token", "benchrig run lock 1\ntoken " + strings.ToUpper(tok) + "\npid 42 start 7\n", false, lockInfo{}},
		{"no pid", "benchrig run lock 1\ntoken " + tok + "\n", false, lockInfo{}},
		{"bad start", "benchrig run lock 1\ntoken " + tok + "\npid 42 start x\n", false, lockInfo{}},
		{"other header", "benchrig run lock 2\ntoken " + tok + "\npid 42 start 7\n", false, lockInfo{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseLock([]byte(tc.text))
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

func TestMarkerToken(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"written by Create", string(markerContent(tok)), tok},
		{"empty", "", ""},
		{"lock text", string(lockContent(lockInfo{token: tok, pid: 1})), ""},
		{"bad token", "benchrig run dir 1\ntoken xyz\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, markerToken([]byte(tc.text))) })
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		name, in, stem string
		pid            int
		pidOK          bool
	}{
		{"run dir", "run-20261205T000000.000000000Z-42", "run-20261205T000000.000000000Z-42", 42, true},
		{"named run lock", "run-benchrun-20261205T000000Z-7.lock", "run-benchrun-20261205T000000Z-7.lock", 7, true},
		{"renamed by an interrupted run", "run-x-42.removing-3", "run-x-42", 42, true},
		{"not a removing suffix", "run-x.removing-a", "run-x.removing-a", 0, false},
		{"no pid", "run-notes", "run-notes", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.stem, lockStem(tc.in))
			pid, ok := pidOfName(tc.in)
			assert.Equal(t, tc.pidOK, ok)
			if ok {
				assert.Equal(t, tc.pid, pid)
			}
		})
	}
}
