package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestConfigClaimVerdicts judges C3 from the modres config lines a row
// carries and C4 from the download row's bytes.
func TestConfigClaimVerdicts(t *testing.T) {
	golist := func(config map[string]string) *Row {
		r := modresRow("tool=golist/mode=mod/tree=service/cache=warm", map[string][]float64{"ns/op": six(1e8)})
		r.Config = config
		return r
	}
	download := func(read, write float64) *Row {
		return modresRow("tool=download/mode=mod/tree=service/cache=cold", map[string][]float64{"ns/op": six(1e9), "read-B/op": six(read), "write-B/op": six(write)})
	}
	for _, tc := range []struct {
		name, claim string
		m           *Machine
		want        Verdict
	}{
		{"C3 does not hold for dirs and no hash", "C3", machineOf(golist(map[string]string{"modcache-extracted": "dir", "modcache-info": "time,version"})), DoesNotHold},
		{"C3 does not hold for a symlink alone", "C3", machineOf(golist(map[string]string{"modcache-extracted": "symlink", "modcache-info": "time,version"})), DoesNotHold},
		{"C3 holds for a symlink and a hash", "C3", machineOf(golist(map[string]string{"modcache-extracted": "symlink", "modcache-info": "sum,time,version,h1-hash"})), Holds},
		{"C3 not testable without the lines", "C3", machineOf(golist(nil)), NotTestable},
		{"C3 not testable when unknown", "C3", machineOf(golist(map[string]string{"modcache-extracted": "unknown", "modcache-info": "unknown"})), NotTestable},
		{"C4 holds when writes exceed reads", "C4", machineOf(download(1e6, 5e7)), Holds},
		{"C4 does not hold when reads exceed writes", "C4", machineOf(download(5e7, 1e6)), DoesNotHold},
		{"C4 not testable without the download row", "C4", machineOf(golist(nil)), NotTestable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := judged(t, tc.m, tc.claim)
			assert.Equal(t, tc.want, got.Verdict, "number: %s; missing: %s", got.Number, got.Missing)
		})
	}
}
