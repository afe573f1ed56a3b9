#!/bin/bash
# owncold.sh: check tree=own's cold go list against the same go command on
# your module itself, in alternating rounds, for a module that commits its
# vendor/ directory. Not run by go test or CI. Needs python3 (eviction) and
# a Linux block device under both trees (the device's read counts).
#
# Usage, from the module root:
#   bench/modres/testdata/owncold.sh MODULE DIR [ROUNDS]
#
# MODULE is your module (absolute; its dependencies in go env GOMODCACHE,
# as tree=own needs them). DIR (absolute, absent or empty) gets a replica
# of what benchrig's tree=own prepares in scratch: the module copied
# without vendor/ and .git, a private module cache filled by go mod
# download from your module cache's cache/download (a file proxy), vendor/
# written by go mod vendor, every time set to fixtures.FileTime. Each round
# runs benchrig's cold golist cells on MODULE (go test, -count 2), then,
# for each mode, the op (go list -mod=M -deps -json=<benchrig's fields>
# ./..., its output decoded as benchrig's golist does) once on MODULE
# (GOCACHE in DIR) and once on the replica, each after a POSIX_FADV_DONTNEED
# eviction of its module, module cache and GOCACHE (benchrig's cold), in
# an order that alternates between rounds. It prints each op's time, device
# read requests and sectors, and the medians and vendor/mod ratios.
set -euo pipefail

mod=${1:?usage: owncold.sh MODULE DIR [ROUNDS]}
dir=${2:?usage: owncold.sh MODULE DIR [ROUNDS]}
rounds=${3:-3}
for p in "$mod" "$dir"; do
	case $p in /*) ;; *) echo "owncold.sh: $p must be an absolute path" >&2; exit 2 ;; esac
done
[ -d "$mod/vendor" ] || { echo "owncold.sh: $mod has no vendor/; pick a module that commits it" >&2; exit 2; }
if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
	echo "owncold.sh: $dir is not empty" >&2
	exit 2
fi
root=$(pwd)
evict="$root/bench/modres/testdata/evict.py"
fields=Name,ImportPath,Error,Dir,GoFiles,CgoFiles,IgnoredGoFiles,DepOnly,Imports,ImportMap,Module
usercache=$(cd "$mod" && go env GOMODCACHE)
dev=$(lsblk -no pkname "$(df --output=source "$mod" | tail -1)" 2>/dev/null || true)
[ -n "$dev" ] || dev=$(basename "$(df --output=source "$mod" | tail -1)")
mkdir -p "$dir/home" "$dir/tmp" "$dir/rep" "$dir/gocache"

# The replica, as tree=own prepares it (doc.go, "tree=own").
(cd "$mod" && tar --exclude=./vendor --exclude=./.git -cf - .) | tar -xf - -C "$dir/rep"
repenv=(env HOME="$dir/home" TMPDIR="$dir/tmp" GOTMPDIR="$dir/tmp" GOPROXY="file://$usercache/cache/download"
	GOSUMDB=off GOFLAGS=-modcacherw GOWORK=off GOMODCACHE="$dir/repmodcache" GOCACHE="$dir/repgocache"
	GOTOOLCHAIN=local GOTELEMETRY=off)
(cd "$dir/rep" && "${repenv[@]}" GOFLAGS="-modcacherw -mod=mod" go mod download && "${repenv[@]}" GOFLAGS="-modcacherw -mod=mod" go mod vendor)
find "$dir/rep" "$dir/repmodcache" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
# What the original's ops read in mod mode: its build list's module dirs.
origenv=(env GOFLAGS= GOPROXY=off GOCACHE="$dir/gocache" GOTOOLCHAIN=local)
moddirs=$(cd "$mod" && "${origenv[@]}" go list -mod=mod -deps -f '{{with .Module}}{{.Dir}}{{end}}' ./... | sort -u | { grep -v "^$mod\$" || true; })

# decode: go run of a decoder as benchrig's golist op (decodeList).
cat > "$dir/decode.go" <<'GO'
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	dec := json.NewDecoder(os.Stdin)
	n := 0
	for {
		var p map[string]any
		if dec.Decode(&p) != nil {
			break
		}
		n++
	}
	fmt.Fprintln(os.Stderr, n, "packages")
}
GO
(cd "$dir" && go build -o decode decode.go)

op() { # tree mode
	local where=$mod envv=("${origenv[@]}") paths=("$mod" "$dir/gocache" "$usercache/cache/download")
	if [ "$1" = rep ]; then
		where=$dir/rep envv=("${repenv[@]}") paths=("$dir/rep" "$dir/repgocache" "$dir/repmodcache")
	else
		# shellcheck disable=SC2206
		paths+=($moddirs)
	fi
	sync
	python3 "$evict" "${paths[@]}"
	read -r r0 _ s0 _ < "/sys/block/$dev/stat"
	local t0 t1
	t0=$(date +%s%N)
	(cd "$where" && "${envv[@]}" go list -mod="$2" -deps -json="$fields" ./... | "$dir/decode" 2>/dev/null)
	t1=$(date +%s%N)
	read -r r1 _ s1 _ < "/sys/block/$dev/stat"
	echo "manual $1 $2 $(((t1 - t0) / 1000000)) $((r1 - r0)) $((s1 - s0))"
}

for m in mod vendor; do
	(cd "$mod" && "${origenv[@]}" go list -mod=$m -deps ./... >/dev/null)
	(cd "$dir/rep" && "${repenv[@]}" go list -mod=$m -deps ./... >/dev/null)
done
out="$dir/rounds.txt"
: > "$out"
for r in $(seq "$rounds"); do
	BENCHRIG_DIR="$dir/tmp" BENCHRIG_MODRES_MODULE="$mod" go test -run '^$' -count 2 \
		-bench 'Resolve/tool=golist/mode=(mod|vendor)/tree=own/cache=cold' ./bench/modres 2>/dev/null |
		awk '/^Benchmark/ { split($1, a, "/"); sub("mode=", "", a[3]); printf "benchrig own %s %d\n", a[3], $3 / 1e6 }' | tee -a "$out"
	for m in mod vendor; do
		if [ $((r % 2)) = 0 ]; then op orig $m; op rep $m; else op rep $m; op orig $m; fi
	done | tee -a "$out"
done
python3 - "$out" <<'PY'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    d[(f[0], f[1], f[2])].append([float(x) for x in f[3:]])
for k, v in sorted(d.items()):
    cols = list(zip(*v))
    extra = " requests %d sectors %d" % (statistics.median(cols[1]), statistics.median(cols[2])) if len(cols) > 1 else ""
    print("%-8s %-4s %-6s median %5.0f ms%s (n=%d)" % (k + (statistics.median(cols[0]), extra, len(v))))
for who, tree in (("benchrig", "own"), ("manual", "orig"), ("manual", "rep")):
    mod, ven = d.get((who, tree, "mod")), d.get((who, tree, "vendor"))
    if mod and ven:
        print("%s %s vendor/mod %.2f" % (who, tree, statistics.median(x[0] for x in ven) / statistics.median(x[0] for x in mod)))
PY
