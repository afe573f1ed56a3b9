package report

import "fmt"

// headlineRules are the sentences of each family, in page order.
var headlineRules = []headlineRule{
	{"directio", "4 KiB random reads straight from the disk (O_DIRECT, one at a time)",
		[][]string{{"op=randread", "bs=4KiB", "qd=1", "io=direct"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s, p99 %s", text(must(r[0], "io/s")), text(must(r[0], "p99-ns")))
		}},
	{"directio", "the same reads with 16 in flight",
		[][]string{{"op=randread", "bs=4KiB", "qd=16", "io=direct"}, {"op=randread", "bs=4KiB", "qd=1", "io=direct"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s, %s one at a time", text(must(r[0], "io/s")), ratio(must(r[0], "io/s"), must(r[1], "io/s")))
		}},
	{"directio", "4 KiB random reads from the page cache",
		[][]string{{"op=randread", "bs=4KiB", "qd=1", "io=buffered"}, {"op=randread", "bs=4KiB", "qd=1", "io=direct"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s, %s the disk", text(must(r[0], "io/s")), ratio(must(r[0], "io/s"), must(r[1], "io/s")))
		}},
	{"directio", "1 MiB sequential writes straight to the disk",
		[][]string{{"op=seqwrite", "bs=1MiB", "io=direct", "sync=none"}},
		func(r []*Row) string { return text(must(r[0], "MB/s")) }},
	{"mmap", "MAP_POPULATE on a cold file",
		[][]string{{"cache=cold", "prefault=populate", "access=seq"}, {"cache=cold", "prefault=none", "access=seq"}},
		func(r []*Row) string {
			pop, none := must(r[0], "map-ns/op"), must(r[1], "map-ns/op")
			return fmt.Sprintf("moves %s of a %s file into mmap() (mmap() %s with it, %s without); the total %s",
				Value(pop.Center-none.Center, "ns/op"), r[0].Keys["size"], text(pop), text(none), change(r[0], r[1], "ns/op"))
		}},
	{"mmap", "mapping and reading a warm file",
		[][]string{{"cache=warm", "prefault=none", "access=seq"}, {"cache=cold", "prefault=none", "access=seq"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s for %s; cold takes %s that time", text(must(r[0], "ns/op")), r[0].Keys["size"], times(must(r[1], "ns/op"), must(r[0], "ns/op")))
		}},
	{"falseshare", "two counters on one cache line",
		[][]string{{"layout=packed", "goroutines=2"}, {"layout=pad64", "goroutines=2"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s the time per add of counters padded to 64 bytes (%s vs %s)", times(must(r[0], "ns/op"), must(r[1], "ns/op")), text(must(r[0], "ns/op")), text(must(r[1], "ns/op")))
		}},
	{"falseshare", "one counter shared by both goroutines",
		[][]string{{"layout=shared", "goroutines=2"}, {"layout=pad64", "goroutines=2"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s the time per add of padded counters", times(must(r[0], "ns/op"), must(r[1], "ns/op")))
		}},
	{"modres", "vendor vs module mode on warm go list",
		[][]string{{"tool=golist", "mode=vendor", "cache=warm"}, {"tool=golist", "mode=mod", "cache=warm"}},
		func(r []*Row) string {
			return fmt.Sprintf("vendor mode takes %s the time of module mode (%s)", ratio(must(r[0], "ns/op"), must(r[1], "ns/op")), treeOf(r[0]))
		}},
	{"modres", "a no-op go build of the module tree",
		[][]string{{"tool=build", "mode=mod", "cache=warm"}, {"tool=build", "mode=mod", "cache=cold"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s warm, %s cold (%s)", text(must(r[0], "ns/op")), text(must(r[1], "ns/op")), treeOf(r[0]))
		}},
	{"modres", "a go build with an empty GOCACHE",
		[][]string{{"tool=build", "mode=mod", "cache=clean"}},
		func(r []*Row) string {
			return fmt.Sprintf("%s (%s)", text(must(r[0], "ns/op")), treeOf(r[0]))
		}},
}

// treeOf names a modres row's tree for a sentence: "tree=service", or
// "100 modules" in files from before the tree axis.
func treeOf(r *Row) string {
	if t, ok := r.Keys["tree"]; ok {
		return "tree=" + t
	}
	return r.Keys["modules"] + " modules"
}
