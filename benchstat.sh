#!/usr/bin/env bash
# benchstat.sh — the front door to running, comparing and gating benchrig
# benchmarks. Run "./benchstat.sh help" for the commands.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RESULTS=${BENCHRIG_RESULTS:-$ROOT/results}
PROG=benchstat.sh

usage() {
	cat <<'HELP'
usage: ./benchstat.sh COMMAND [ARGS]

Commands (run from anywhere; paths are resolved, results go to ./results):

  run [-count N] [-bench RE] [-short] [LABEL]
      Build the test binary of every ./bench/... package once (go test -c),
      run each N times (default 10) with -test.run '^$' -test.bench RE
      (default .) from its package directory, and write everything,
      config lines included, to results/LABEL.txt. LABEL defaults to
      MACHINE-YYYYmmdd-HHMMSS where MACHINE is $BENCHRIG_MACHINE or the
      short hostname; when BENCHRIG_MACHINE is unset it is set to LABEL's
      machine part (LABEL without a trailing -date) so the file's
      "machine:" line names it. Progress (iteration i of N, elapsed,
      ETA) goes to stderr.

  compare OLD NEW [benchstat flags...]
      go tool benchstat (pinned in go.mod) of two result files, labelled
      by their names. OLD and NEW are paths or labels in results/. Unless
      you pass -ignore, it adds -ignore benchrig so runs of two commits
      (whose benchrig: revision line differs) share one table.

  machines FILE... [-- benchstat flags...]
      One table per benchmark family (pkg) with a column per machine
      (the "machine:" config; a file without one is labelled by its
      name), rows matched across machines although cpu:, kernel and the
      other config lines and the -N GOMAXPROCS suffix differ:
        benchstat -table pkg -col machine -row .fullname
                  -ignore .config,/gomaxprocs

  ab REV_A REV_B [-count N] [-bench RE] [-short]
      The recommended way to test a change. Checks out both git revisions
      in temporary worktrees (under $BENCHRIG_DIR, or mktemp; removed on
      exit), builds their bench test binaries, runs them interleaved
      A B A B ... N times (default 10) to spread machine drift over both,
      saves results/ab-A-vs-B.{a,b}.txt and compares them with benchstat
      and benchgate.

  gate BASE HEAD [benchgate flags...]
      Build and run ./cmd/benchgate with the flags, then BASE and HEAD (paths
      or labels in results/): exit 0 no regression, 1 regression, 2 usage
      or input error. -calibrate treats BASE and HEAD as two runs of the
      same code and suggests a -threshold. See go doc ./cmd/benchgate.

  help
      This text.

Environment: BENCHRIG_MACHINE (machine label), BENCHRIG_DIR (scratch
parent, also used for ab worktrees), BENCHRIG_RESULTS (default ./results).
HELP
}

die() {
	echo "$PROG: $*" >&2
	exit 2
}

# abspath FILE prints FILE as an absolute path (it need not exist yet).
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}

# resolve NAME prints the result file NAME refers to: a path, or a label in
# $RESULTS.
resolve() {
	if [[ -f $1 ]]; then
		abspath "$1"
	elif [[ -f $RESULTS/$1.txt ]]; then
		printf '%s\n' "$RESULTS/$1.txt"
	elif [[ -f $RESULTS/$1 ]]; then
		printf '%s\n' "$RESULTS/$1"
	else
		die "no result file $1 (nor $RESULTS/$1.txt); run ./benchstat.sh run first"
	fi
}

# label_of FILE prints a short column label for FILE.
label_of() {
	local b
	b=$(basename "$1")
	printf '%s\n' "${b%.txt}"
}

# build_bins SRC OUT builds the test binary of every bench package of the
# module at SRC into OUT and prints "binary<TAB>package dir" lines.
build_bins() {
	local src=$1 out=$2 dir imp rev
	mkdir -p "$out"
	# Stamp the revision into the binaries: they run long after the build,
	# when the checkout may have moved on.
	rev=$(git -C "$src" rev-parse --short HEAD 2>/dev/null) || rev=unknown
	if [[ $rev != unknown && -n $(git -C "$src" status --porcelain 2>/dev/null) ]]; then
		rev+=-dirty
	fi
	while read -r dir imp; do
		[[ -n $dir ]] || continue
		local bin
		bin="$out/$(basename "$dir").test"
		(cd "$src" && go test -c -ldflags "-X github.com/benchrig/benchrig/harness.buildRevision=$rev" -o "$bin" "$imp") >&2 || die "building $imp failed"
		printf '%s\t%s\n' "$bin" "$dir"
	done < <(cd "$src" && go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}} {{.ImportPath}}{{end}}' ./bench/...)
}

# run_bin BIN DIR BENCH SHORT runs one test binary once from its package
# directory (benchmarks may read testdata relative to it).
run_bin() {
	local bin=$1 dir=$2 bench=$3 short=$4
	local args=(-test.run '^$' -test.bench "$bench" -test.count 1)
	if [[ $short == 1 ]]; then
		args+=(-test.short)
	fi
	(cd "$dir" && "$bin" "${args[@]}")
}

# benchgate ARGS... builds cmd/benchgate and runs it. (go run would turn its
# exit status 2 into 1.)
benchgate() {
	local bin
	bin=$(mktemp -d)/benchgate
	(cd "$ROOT" && go build -o "$bin" ./cmd/benchgate) || die "building cmd/benchgate failed"
	local rc=0
	"$bin" "$@" || rc=$?
	rm -rf "$(dirname "$bin")"
	return "$rc"
}

# progress I N START reports, before iteration I of N, the time elapsed
# since START and the ETA from the I-1 iterations finished; I = N+1 means finished.
progress() {
	local i=$1 n=$2 start=$3
	local now elapsed finished eta
	now=$(date +%s)
	elapsed=$((now - start))
	finished=$((i - 1))
	if ((i > n)); then
		printf '%s: finished, %d iterations in %dm%02ds\n' "$PROG" "$n" $((elapsed / 60)) $((elapsed % 60)) >&2
		return
	fi
	if ((finished > 0)); then
		eta=$((elapsed * (n - finished) / finished))
		printf '%s: iteration %d of %d, elapsed %dm%02ds, ETA %dm%02ds\n' \
			"$PROG" "$i" "$n" $((elapsed / 60)) $((elapsed % 60)) $((eta / 60)) $((eta % 60)) >&2
	else
		printf '%s: iteration %d of %d, elapsed 0m00s, ETA unknown until it ends\n' "$PROG" "$i" "$n" >&2
	fi
}

cmd_run() {
	local count=10 bench=. short=0 label=""
	while [[ $# -gt 0 ]]; do
		case $1 in
		-count) count=${2:?-count needs a number}; shift 2 ;;
		-bench) bench=${2:?-bench needs a regexp}; shift 2 ;;
		-short) short=1; shift ;;
		-*) die "run: unknown flag $1; see ./benchstat.sh help" ;;
		*) [[ -z $label ]] || die "run: one LABEL only"; label=$1; shift ;;
		esac
	done
	[[ $count =~ ^[1-9][0-9]*$ ]] || die "run: -count $count is not a positive number"
	if [[ -z $label ]]; then
		label="${BENCHRIG_MACHINE:-$(hostname -s)}-$(date +%Y%m%d-%H%M%S)"
	fi
	[[ $label != */* ]] || die "run: LABEL $label must not contain /"
	if [[ -z ${BENCHRIG_MACHINE:-} ]]; then
		BENCHRIG_MACHINE=$(sed -E 's/-[0-9]{8}(-[0-9]{6})?$//' <<<"$label")
		export BENCHRIG_MACHINE
	fi
	mkdir -p "$RESULTS"
	local out="$RESULTS/$label.txt"
	[[ ! -e $out ]] || die "run: $out exists; pick another LABEL or move it away"
	local tmp
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand $tmp now
	trap "rm -rf '$tmp'" EXIT
	echo "$PROG: building bench test binaries" >&2
	local bins
	bins=$(build_bins "$ROOT" "$tmp/bin")
	[[ -n $bins ]] || die "run: no bench package with tests under ./bench"
	echo "$PROG: running -bench '$bench' -count $count as machine $BENCHRIG_MACHINE into $out" >&2
	local start i bin dir
	start=$(date +%s)
	for ((i = 1; i <= count; i++)); do
		progress "$i" "$count" "$start"
		while IFS=$'\t' read -r bin dir; do
			run_bin "$bin" "$dir" "$bench" "$short" >>"$out" ||
				die "run: $(basename "$bin") failed in iteration $i (output so far in $out)"
		done <<<"$bins"
	done
	progress $((count + 1)) "$count" "$start"
	echo "$out"
}

cmd_compare() {
	[[ $# -ge 2 ]] || die "compare: want OLD NEW [benchstat flags]"
	local old new
	old=$(resolve "$1")
	new=$(resolve "$2")
	shift 2
	cd "$ROOT"
	# The benchrig: config line is the revision, which differs between
	# runs of two commits; without -ignore it would split every table.
	local flags=(-ignore benchrig) f
	for f in "$@"; do
		if [[ $f == -ignore || $f == -ignore=* ]]; then
			flags=()
		fi
	done
	go tool benchstat "${flags[@]}" "$@" "$(label_of "$old")=$old" "$(label_of "$new")=$new"
}

cmd_machines() {
	local files=() flags=() f
	while [[ $# -gt 0 ]]; do
		if [[ $1 == -- ]]; then
			shift
			flags=("$@")
			break
		fi
		files+=("$(resolve "$1")")
		shift
	done
	[[ ${#files[@]} -ge 1 ]] || die "machines: want FILE..."
	local tmp inputs=()
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand $tmp now
	trap "rm -rf '$tmp'" EXIT
	local i=0
	for f in "${files[@]}"; do
		if grep -q '^machine:' "$f"; then
			inputs+=("$f")
		else
			# Label a file without a machine: line by its name.
			i=$((i + 1))
			{ printf 'machine: %s\n' "$(label_of "$f")"; cat "$f"; } >"$tmp/$i.txt"
			inputs+=("$tmp/$i.txt")
		fi
	done
	cd "$ROOT"
	go tool benchstat -table pkg -col machine -row .fullname -ignore .config,/gomaxprocs "${flags[@]}" "${inputs[@]}"
}

cmd_ab() {
	[[ $# -ge 2 ]] || die "ab: want REV_A REV_B [-count N] [-bench RE] [-short]"
	local reva=$1 revb=$2 count=10 bench=. short=0
	shift 2
	while [[ $# -gt 0 ]]; do
		case $1 in
		-count) count=${2:?-count needs a number}; shift 2 ;;
		-bench) bench=${2:?-bench needs a regexp}; shift 2 ;;
		-short) short=1; shift ;;
		*) die "ab: unknown argument $1" ;;
		esac
	done
	[[ $count =~ ^[1-9][0-9]*$ ]] || die "ab: -count $count is not a positive number"
	cd "$ROOT"
	local sa sb
	sa=$(git rev-parse --short "$reva^{commit}") || die "ab: $reva is not a git revision"
	sb=$(git rev-parse --short "$revb^{commit}") || die "ab: $revb is not a git revision"
	local tmp
	if [[ -n ${BENCHRIG_DIR:-} ]]; then
		mkdir -p "$BENCHRIG_DIR"
		tmp=$(mktemp -d "$BENCHRIG_DIR/ab.XXXXXX")
	else
		tmp=$(mktemp -d)
	fi
	# shellcheck disable=SC2064 # expand $tmp and $ROOT now
	trap "git -C '$ROOT' worktree remove --force '$tmp/a' >/dev/null 2>&1 || true; git -C '$ROOT' worktree remove --force '$tmp/b' >/dev/null 2>&1 || true; rm -rf '$tmp'; git -C '$ROOT' worktree prune" EXIT
	git worktree add --detach "$tmp/a" "$sa" >&2
	git worktree add --detach "$tmp/b" "$sb" >&2
	echo "$PROG: building A=$sa and B=$sb" >&2
	local bins_a bins_b
	bins_a=$(build_bins "$tmp/a" "$tmp/bin-a")
	bins_b=$(build_bins "$tmp/b" "$tmp/bin-b")
	[[ -n $bins_a && -n $bins_b ]] || die "ab: no bench package with tests in $sa or $sb"
	if [[ -z ${BENCHRIG_MACHINE:-} ]]; then
		BENCHRIG_MACHINE=$(hostname -s)
		export BENCHRIG_MACHINE
	fi
	mkdir -p "$RESULTS"
	local outa="$RESULTS/ab-$sa-vs-$sb.a.txt" outb="$RESULTS/ab-$sa-vs-$sb.b.txt"
	: >"$outa"
	: >"$outb"
	local start i bin dir
	start=$(date +%s)
	for ((i = 1; i <= count; i++)); do
		progress "$i" "$count" "$start"
		# Interleave per package: A then B, so drift hits both alike.
		while IFS=$'\t' read -r bin dir; do
			run_bin "$bin" "$dir" "$bench" "$short" >>"$outa" || die "ab: A ($sa) $(basename "$bin") failed"
			local rel=${dir#"$tmp/a"} binb
			binb=$(awk -F'\t' -v d="$tmp/b$rel" '$2 == d { print $1 }' <<<"$bins_b")
			if [[ -n $binb ]]; then
				run_bin "$binb" "$tmp/b$rel" "$bench" "$short" >>"$outb" || die "ab: B ($sb) $(basename "$binb") failed"
			fi
		done <<<"$bins_a"
	done
	progress $((count + 1)) "$count" "$start"
	echo "$PROG: results in $outa and $outb" >&2
	# -ignore benchrig: the revision config line differs by design.
	go tool benchstat -ignore benchrig "A-$sa=$outa" "B-$sb=$outb"
	echo
	local rc=0
	benchgate "$outa" "$outb" || rc=$?
	return "$rc"
}

cmd_gate() {
	[[ $# -ge 2 ]] || die "gate: want BASE HEAD [benchgate flags]"
	local base head
	base=$(resolve "$1")
	head=$(resolve "$2")
	shift 2
	benchgate "$@" "$base" "$head"
}

main() {
	[[ $# -ge 1 ]] || {
		usage >&2
		exit 2
	}
	local cmd=$1
	shift
	case $cmd in
	run) cmd_run "$@" ;;
	compare) cmd_compare "$@" ;;
	machines) cmd_machines "$@" ;;
	ab) cmd_ab "$@" ;;
	gate) cmd_gate "$@" ;;
	help | -h | --help) usage ;;
	*)
		echo "$PROG: unknown command $cmd" >&2
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
