#!/bin/sh
# claimtools.sh: check modres's claim tools (tool=hello, tool=test,
# tool=download) against hyperfine (time) and /usr/bin/time -v (peak RSS)
# running the same go commands on the same kind of tree, in alternating
# rounds. Not run by go test or CI. Needs hyperfine (apt-get install
# hyperfine), GNU time (/usr/bin/time) and python3 (the cold download's
# eviction).
#
# Usage, from the module root:
#   bench/modres/testdata/claimtools.sh DIR [ROUNDS]
#
# DIR (absolute, absent or empty) gets the trees, private caches and the
# results; BENCHRIG_DIR is put under it too. Each round runs the three
# benchrig cells (go test -count 1, one sample) and then, for each cell,
# hyperfine (5 runs after 1 warm-up) and /usr/bin/time (3 runs) on the same
# command; even rounds run the other tools first. The summary prints each
# side's median over the rounds: ns/op against hyperfine's mean, and
# maxrss-B/op against time's maximum resident set size.
# shellcheck disable=SC2016
set -eu

dir=${1:?usage: claimtools.sh DIR [ROUNDS]}
rounds=${2:-3}
case $dir in /*) ;; *) echo "claimtools.sh: DIR must be an absolute path, got $dir" >&2; exit 2 ;; esac
if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
	echo "claimtools.sh: $dir is not empty" >&2
	exit 2
fi
for c in hyperfine /usr/bin/time go; do
	command -v "$c" >/dev/null || { echo "claimtools.sh: $c not found" >&2; exit 2; }
done
mkdir -p "$dir/scratch" "$dir/out"
root=$(pwd)
goroot=$(go env GOROOT)

# The trees: hello's module and the service preset with its file proxy.
mkdir "$dir/hello"
(cd "$dir/hello" && GOFLAGS="" go mod init hello >/dev/null 2>&1)
hello_src() { printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, %s") }\n' "$1" > "$dir/hello/main.go"; }
hello_src world
go tool benchrig tree -preset service -out "$dir/svc" >/dev/null
# The go commands' environment: private caches, the tree's file proxy
# (benchrig's own go test runs with the caller's environment).
goenv="env GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-modcacherw GOSUMDB=off GOWORK=off GOPROXY=file://$dir/svc/proxy GOMODCACHE=$dir/modcache GOCACHE=$dir/gocache"
(cd "$dir/svc/app" && $goenv go mod download && $goenv go test -mod=mod -count=1 -run '^$' ./... >/dev/null)
(cd "$dir/hello" && $goenv go build -o "$dir/hello.bin" .)

# The commands, as benchrig's ops run them.
hello_cmd="cd $dir/hello && $goenv go build -o $dir/hello.bin ."
hello_prep="cd $dir/hello && printf 'package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, %s\") }\n' \$(date +%N) > main.go"
test_cmd="cd $dir/svc/app && $goenv go test -mod=mod -count=1 -run '^\$' ./..."
dl_cmd="cd $dir/svc/app && $goenv GOMODCACHE=$dir/dl go mod download"
# Cold as benchrig's: the proxy, go.mod and go.sum evicted with
# POSIX_FADV_DONTNEED (CLAIMTOOLS_DROP=1: drop_caches=1 instead, root, with
# GOROOT's go and tools read back in; on the reference VM that made the
# download twice as fast, for a reason not found: see docs/validation.md).
evict="python3 $root/bench/modres/testdata/evict.py $dir/svc/proxy $dir/svc/app/go.mod $dir/svc/app/go.sum"
if [ "${CLAIMTOOLS_DROP:-}" = 1 ]; then
	evict="echo 1 > /proc/sys/vm/drop_caches; cat $goroot/bin/go $goroot/pkg/tool/*/* > /dev/null"
fi
dl_prep="chmod -R u+w $dir/dl 2>/dev/null; rm -rf $dir/dl; sync; $evict"

benchrig_round() {
	(cd "$root" && BENCHRIG_DIR="$dir/scratch" BENCHRIG_MODRES_TOOLS=hello,test,download \
		go test -run '^$' -count 1 \
		-bench 'Resolve/tool=(hello|test|download)/mode=mod/tree=(hello|service)/cache=(warm|cold)$' \
		./bench/modres) | grep -E '^BenchmarkResolve/tool=(hello/.*cache=warm|test/.*cache=warm|download/.*cache=cold)-' >> "$dir/out/benchrig.txt"
}

tools_round() {
	for t in hello test dl; do
		case $t in
		hello) cmd=$hello_cmd prep=$hello_prep ;;
		test) cmd=$test_cmd prep=: ;;
		dl) cmd=$dl_cmd prep=$dl_prep ;;
		esac
		hyperfine --warmup 1 --runs 5 --prepare "$prep" --export-json "$dir/out/hf-$t-$1.json" "$cmd" >/dev/null
		for _ in 1 2 3; do
			sh -c "$prep" >/dev/null 2>&1
			/usr/bin/time -f "$t %M" -a -o "$dir/out/time.txt" sh -c "$cmd" >/dev/null 2>&1
		done
	done
}

for r in $(seq 1 "$rounds"); do
	if [ $((r % 2)) = 1 ]; then benchrig_round; tools_round "$r"; else tools_round "$r"; benchrig_round; fi
	echo "claimtools.sh: round $r of $rounds done" >&2
done

# Summary: medians over the rounds.
med() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-10s %14s %14s %8s %14s %14s %8s\n' tool benchrig-ms hyperfine-ms ratio benchrig-MB time-MB ratio
for t in hello test dl; do
	case $t in hello) pat=tool=hello ;; test) pat=tool=test ;; dl) pat=tool=download ;; esac
	b_ns=$(grep "$pat" "$dir/out/benchrig.txt" | awk '{for (i=1;i<NF;i++) if ($(i+1)=="ns/op") print $i}' | med)
	b_rss=$(grep "$pat" "$dir/out/benchrig.txt" | awk '{for (i=1;i<NF;i++) if ($(i+1)=="maxrss-B/op") print $i}' | med)
	h_s=$(for f in "$dir/out/hf-$t-"*.json; do python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$f"; done | med)
	t_kb=$(awk -v t="$t" '$1==t {print $2}' "$dir/out/time.txt" | med)
	awk -v t="$t" -v bn="$b_ns" -v br="$b_rss" -v hs="$h_s" -v tk="$t_kb" 'BEGIN {
		printf "%-10s %14.1f %14.1f %8.3f %14.1f %14.1f %8.3f\n", t, bn/1e6, hs*1e3, (bn/1e9)/hs, br/1e6, tk*1024/1e6, br/(tk*1024)
	}'
done
