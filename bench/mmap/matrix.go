package mmap

import (
	"fmt"

	"github.com/benchrig/benchrig/harness"
)

// variant is one sub-benchmark of BenchmarkMmap or BenchmarkMmapPrivate.
type variant struct {
	cold bool
	pre  prefault
	acc  access
}

// name is the sub-benchmark name below the family, e.g.
// "size=64MiB/cache=cold/prefault=none/access=seq".
func (v variant) name(size int64) string {
	cache := "warm"
	if v.cold {
		cache = "cold"
	}
	return fmt.Sprintf("size=%s/cache=%s/prefault=%s/access=%s", harness.FormatSize(size), cache, v.pre, v.acc)
}

// sharedMatrix lists BenchmarkMmap's variants (doc.go says why these). By
// default: every prefault with seq access, cold and warm, plus access=rand
// for cold none and willneed, the two prefaults after which touch order
// still decides the I/O. With -short: none and populate, cold and warm, seq
// only.
func sharedMatrix(short bool) []variant {
	var vs []variant
	for _, cold := range []bool{true, false} {
		for _, acc := range []access{accessSeq, accessRand} {
			for _, p := range prefaults {
				if keep(short, cold, p, acc) {
					vs = append(vs, variant{cold: cold, pre: p, acc: acc})
				}
			}
		}
	}
	return vs
}

func keep(short, cold bool, p prefault, acc access) bool {
	if short {
		return acc == accessSeq && (p == prefaultNone || p == prefaultPopulate)
	}
	if acc == accessRand {
		return cold && (p == prefaultNone || p == prefaultWillNeed)
	}
	return true
}

// privateMatrix lists BenchmarkMmapPrivate's variants: warm, seq, and the
// prefaults that differ on a private mapping (willneed maps nothing).
func privateMatrix() []variant {
	return []variant{
		{pre: prefaultNone, acc: accessSeq},
		{pre: prefaultPopulate, acc: accessSeq},
		{pre: prefaultPopulateRead, acc: accessSeq},
	}
}
