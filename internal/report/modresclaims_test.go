package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestModresClaims judges C1 and C2 from the hello world and go test rows,
// C5 (the module cache on its own disk), C11 (both caches on tmpfs) and
// C12's queue depth from the placed twins and the queue units.
func TestModresClaims(t *testing.T) {
	warm := "tool=build/mode=mod/tree=service/cache=warm/gocache=disk"
	clean := "tool=build/mode=mod/tree=service/cache=clean/gocache=disk"
	cold := "tool=build/mode=mod/tree=service/cache=cold/gocache=disk"
	ns := func(v float64) map[string][]float64 { return map[string][]float64{"ns/op": six(v)} }
	io := func(qd float64) map[string][]float64 {
		return map[string][]float64{"ns/op": six(1e9), "read-B/op": six(20 << 20), "write-B/op": six(5 << 20),
			"dev-reads/op": six(1000), "dev-qd-mean": six(qd), "dev-qd-p99": six(2 * qd)}
	}
	hello := func(ns, rss, run float64) map[string][]float64 {
		return map[string][]float64{"ns/op": six(ns), "maxrss-B/op": six(rss), "run-ns/op": six(run)}
	}
	for _, tc := range []struct {
		name  string
		id    string
		rows  []*Row
		want  Verdict
		words string
	}{
		{"own disk 55 ms faster", "C5", []*Row{modresRow(warm, ns(400e6)), withConfig(modresRow(warm+"/modcache=ext4", ns(345e6)), "device", "vda", "modcache-device", "vdb")}, Holds, "module cache on its own ext4 filesystem"},
		{"own disk no faster", "C5", []*Row{modresRow(warm, ns(400e6)), withConfig(modresRow(warm+"/modcache=ext4", ns(399e6)), "device", "vda", "modcache-device", "vdb")}, DoesNotHold, "faster"},
		{"the scratch disk is not its own", "C5", []*Row{modresRow(warm, ns(400e6)), withConfig(modresRow(warm+"/modcache=ext4", ns(345e6)), "device", "vda", "modcache-device", "vda")}, NotTestable, ""},
		{"another disk", "C5", []*Row{modresRow(warm, ns(400e6)), withConfig(modresRow(warm+"/modcache=ext4", ns(345e6)), "device", "vda", "modcache-device", "vdb")}, Holds, "faster"},
		{"tmpfs is not a disk", "C5", []*Row{modresRow(warm, ns(400e6)), modresRow(warm+"/modcache=tmpfs", ns(300e6))}, NotTestable, ""},
		{"both caches on tmpfs, 1.3×", "C11", []*Row{modresRow(clean, ns(39e9)), modresRow("tool=build/mode=mod/tree=service/cache=clean/gocache=tmpfs/modcache=tmpfs", ns(30e9))}, Holds, "both caches"},
		{"both caches on tmpfs, 1.02×", "C11", []*Row{modresRow(clean, ns(39e9)), modresRow("tool=build/mode=mod/tree=service/cache=clean/gocache=tmpfs/modcache=tmpfs", ns(38.2e9))}, DoesNotHold, "both caches"},
		{"the twin is not the base", "C11", []*Row{modresRow(clean+"/modcache=tmpfs", ns(30e9)), modresRow(clean, ns(39e9)), modresRow("tool=build/mode=mod/tree=service/cache=clean/gocache=tmpfs/modcache=tmpfs", ns(38.2e9))}, DoesNotHold, "39"},
		{"hello world as claimed", "C1", []*Row{modresRow("tool=hello/mode=mod/tree=hello/cache=warm", hello(300e6, 45e6, 5e6))}, Holds, "go build of a one-file hello world"},
		{"hello world runs slowly", "C1", []*Row{modresRow("tool=hello/mode=mod/tree=hello/cache=warm", hello(300e6, 45e6, 150e6))}, DoesNotHold, "running it 150"},
		{"hello and go test", "C2", []*Row{modresRow("tool=hello/mode=mod/tree=hello/cache=warm", hello(300e6, 45e6, 5e6)),
			modresRow("tool=test/mode=mod/tree=service/cache=warm", map[string][]float64{"ns/op": six(5e9), "maxrss-B/op": six(135e6)})}, Holds, "go test ./... (tree=service)"},
		{"go test too big", "C2", []*Row{modresRow("tool=hello/mode=mod/tree=hello/cache=warm", hello(300e6, 45e6, 5e6)),
			modresRow("tool=test/mode=mod/tree=service/cache=warm", map[string][]float64{"ns/op": six(5e9), "maxrss-B/op": six(900e6)})}, DoesNotHold, "go test"},
		{"queue depth 16", "C12", []*Row{modresRow(cold, io(14))}, Holds, "queue depth 14.00 mean, 28 p99"},
		{"queue depth 1", "C12", []*Row{modresRow(cold, io(1))}, DoesNotHold, "queue depth 1.00 mean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := judged(t, machineOf(tc.rows...), tc.id)
			assert.Equal(t, tc.want, c.Verdict, "%s %s", c.Number, c.Missing)
			assert.Contains(t, c.Number, tc.words)
		})
	}
}

// withConfig gives r the file config lines kv (key, value, key, value...).
func withConfig(r *Row, kv ...string) *Row {
	if r.Config == nil {
		r.Config = map[string]string{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Config[kv[i]] = kv[i+1]
	}
	return r
}
