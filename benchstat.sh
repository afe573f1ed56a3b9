#!/usr/bin/env bash
# benchstat.sh — the front door to running, comparing and gating benchrig
# benchmarks. Run "./benchstat.sh help" for the commands. Running and
# pairing live in cmd/benchrun, gating in cmd/benchgate; this script only
# resolves result names and dispatches.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RESULTS=${BENCHRIG_RESULTS:-$ROOT/results}
export BENCHRIG_RESULTS=$RESULTS
PROG=benchstat.sh

usage() {
	cat <<'HELP'
usage: ./benchstat.sh COMMAND [ARGS]

Commands (run from anywhere; paths are resolved, results go to ./results):

  run [-count N] [-bench RE] [-short] [-benchtime D] [-pkg PATTERN] [LABEL]
      go run ./cmd/benchrun run: build each ./bench/... package's test
      binary once, run it N times (default 10), one fresh process each, from
      its package directory into results/LABEL.txt, config lines included,
      with progress and an ETA on stderr. LABEL defaults to MACHINE-DATE,
      MACHINE being $BENCHRIG_MACHINE or the hostname (the machine: line
      defaults the same way).

  ab REV_A REV_B [-count N] [-bench RE] [-pkg PATTERN] [-quiet D] [-budget D] [-target PCT]
      The recommended way to test a change (cmd/benchrun ab). Checks both
      git revisions out in temporary worktrees, builds both sets of test
      binaries, runs them in pairs of alternating order (A B, B A, ...),
      each side a fresh process, into results/ab-A-vs-B.{a,b}.txt (with
      pair: and pair-order: config lines) and gates B against A. -quiet 60s
      waits before each pair for a quiet machine; -budget 10m -target 5%
      adds pairs for the rows still undecided. Exit 0 pass, 1 regression,
      2 error. See go doc ./cmd/benchrun.

  compare OLD NEW [benchstat flags...]
      go tool benchstat (pinned in go.mod) of two result files, labelled
      by their names. OLD and NEW are paths or labels in results/. Unless
      you pass -ignore, it adds -ignore benchrig so runs of two commits
      (whose benchrig: revision line differs) share one table. Exits 2
      when a file is not a whole, readable result file (benchgate -check).

  machines FILE... [-- benchstat flags...]
      One table per benchmark family (pkg) with a column per machine
      (the "machine:" config; a file without one is labelled by its
      name), rows matched across machines although cpu:, kernel and the
      other config lines and the -N GOMAXPROCS suffix differ:
        benchstat -table pkg -col machine -row .fullname
                  -ignore .config,/gomaxprocs
      Exits 2 when a file is not a whole, readable result file.

  gate BASE HEAD [benchgate flags...]
      Run cmd/benchgate on BASE and HEAD (paths or labels in results/):
      exit 0 no regression, 1 regression, 2 usage or input error.
      -calibrate treats BASE and HEAD as two runs of the same code and
      suggests a -threshold. See go doc ./cmd/benchgate.

  calibrate [benchrun calibrate flags...]
      cmd/benchrun calibrate: run a calibration load interleaved at scale
      1.00 against 1.00, 1.03, 1.05 and 1.10 and print, per effect, the
      false-alarm rate or power of the gate on this machine.

  report [ARGS...]
      go run ./cmd/benchreport: an HTML page and a markdown summary of result files.

  help
      This text. "./benchstat.sh run -h" (ab, calibrate) lists the flags.

Environment: BENCHRIG_MACHINE (machine label), BENCHRIG_DIR (scratch
parent, also used for ab worktrees), BENCHRIG_RESULTS (default ./results).
HELP
}

die() {
	echo "$PROG: $*" >&2
	exit 2
}

# One temporary dir for this invocation, removed on every exit; INT and
# TERM exit through the EXIT trap with the shell's status for the signal.
TMP=""
cleanup() {
	if [[ -n $TMP ]]; then
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmpdir() {
	if [[ -z $TMP ]]; then
		TMP=$(mktemp -d)
	fi
}

# tool NAME builds ./cmd/NAME into $TMP and sets BIN to it. (go run would
# turn an exit status of 2 into 1.)
tool() {
	tmpdir
	BIN=$TMP/$1
	(cd "$ROOT" && go build -o "$BIN" "./cmd/$1") || die "building cmd/$1 failed"
}

# run_tool NAME ARGS... runs cmd/NAME from the repository root and returns
# its exit status.
run_tool() {
	local name=$1 rc=0
	shift
	tool "$name"
	(cd "$ROOT" && "$BIN" "$@") || rc=$?
	return "$rc"
}

# check FILE... exits 2 unless every FILE is a whole, readable result
# file (benchgate -check says which line is not and why): benchstat
# prints errors for such input but exits 0.
check() {
	run_tool benchgate -check "$@" || exit 2
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

cmd_compare() {
	[[ $# -ge 2 ]] || die "compare: want OLD NEW [benchstat flags]"
	local old new
	old=$(resolve "$1")
	new=$(resolve "$2")
	shift 2
	check "$old" "$new"
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
	check "${files[@]}"
	tmpdir
	local inputs=() i=0
	for f in "${files[@]}"; do
		if grep -q '^machine:' "$f"; then
			inputs+=("$f")
		else
			# Label a file without a machine: line by its name.
			i=$((i + 1))
			{ printf 'machine: %s\n' "$(label_of "$f")"; cat "$f"; } >"$TMP/$i.txt"
			inputs+=("$TMP/$i.txt")
		fi
	done
	cd "$ROOT"
	go tool benchstat -table pkg -col machine -row .fullname -ignore .config,/gomaxprocs "${flags[@]}" "${inputs[@]}"
}

cmd_gate() {
	[[ $# -ge 2 ]] || die "gate: want BASE HEAD [benchgate flags]"
	local base head
	base=$(resolve "$1")
	head=$(resolve "$2")
	shift 2
	run_tool benchgate "$@" "$base" "$head"
}

cmd_report() {
	cd "$ROOT"
	go run ./cmd/benchreport "$@"
}

main() {
	[[ $# -ge 1 ]] || {
		usage >&2
		exit 2
	}
	local cmd=$1
	shift
	case $cmd in
	run | ab | calibrate) run_tool benchrun "$cmd" "$@" ;;
	compare) cmd_compare "$@" ;;
	machines) cmd_machines "$@" ;;
	gate) cmd_gate "$@" ;;
	report) cmd_report "$@" ;;
	help | -h | --help) usage ;;
	*)
		echo "$PROG: unknown command $cmd" >&2
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
