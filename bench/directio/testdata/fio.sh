#!/bin/sh
# fio.sh: run BenchmarkDirectIO's fio-comparable cases beside the fio jobs
# that do the same I/O, in the same sitting, on the same directory, and print
# io/s for each pair. Not run by go test or CI; needs fio (apt-get install fio).
#
# Usage (from anywhere):
#   bench/directio/testdata/fio.sh DIR [SECONDS [ROUNDS]]
#
# DIR is the BENCHRIG_DIR to measure (a directory on the disk under test);
# SECONDS (default 10) is both fio's --runtime and go test's -benchtime.
# Each pair runs ROUNDS times (default 3), go first in odd rounds and fio
# first in even ones, and the summary gives the median io/s of each side: on
# a shared or noisy machine one run of each is not a comparison.
# The file sizes follow BENCHRIG_DIRECTIO_FILE_SIZE (default 1GiB; the
# deprecated BENCHRIG_DIO_FILE_SIZE is read when it is unset): fio's read
# file has the data file's size and its write file the write file's size
# (a quarter of it), as the benchmarks do. Pass go flags (e.g. -tags) through
# GOFLAGS.
#
# FIO_ENGINES (default psync; a comma list of psync, raw and uring, or all)
# picks the engines compared; FIO_URING_OPS (default "randread randwrite")
# and FIO_URING_QDS (default "1 4 16 32 64") narrow the uring pairs. psync: the rows without engine= against fio
# psync. raw: engine=raw against the same fio psync jobs (qd=2 needs
# GOMAXPROCS=3 or more; a skipped cell is reported as skipped). uring:
# engine=uring randread and randwrite at qd=1,4,16,32,64 against fio
# --ioengine=io_uring --iodepth=QD --numjobs=1 --fixedbufs (the benchmark
# registers its buffers); that is 10 pairs a round.
# $common, $rf, $wf and the engine options hold several fio options each and
# are split on purpose.
# shellcheck disable=SC2086
set -eu

dir=${1:?usage: fio.sh DIR [SECONDS [ROUNDS]]}
secs=${2:-10}
rounds=${3:-3}
case $dir in /*) ;; *) echo "fio.sh: DIR must be an absolute path, got $dir" >&2; exit 2 ;; esac
if ! [ -d "$dir" ] || ! [ -w "$dir" ]; then
	echo "fio.sh: $dir is not a writable directory" >&2
	exit 2
fi
command -v fio >/dev/null || { echo "fio.sh: fio not found; install it (apt-get install fio)" >&2; exit 2; }
engines=${FIO_ENGINES:-psync}
[ "$engines" = all ] && engines=psync,raw,uring
for e in $(echo "$engines" | tr ',' ' '); do
	case $e in psync | raw | uring) ;; *) echo "fio.sh: FIO_ENGINES=$engines: unknown engine $e; use psync, raw, uring or all, or a comma list of them" >&2; exit 2 ;; esac
done
want() { case ",$engines," in *",$1,"*) return 0 ;; esac; return 1; }

# Data file size in bytes, from the same IEC syntax the benchmarks accept.
var=BENCHRIG_DIRECTIO_FILE_SIZE
if [ -z "${BENCHRIG_DIRECTIO_FILE_SIZE:-}" ] && [ -n "${BENCHRIG_DIO_FILE_SIZE:-}" ]; then
	echo "fio.sh: BENCHRIG_DIO_FILE_SIZE is deprecated; set BENCHRIG_DIRECTIO_FILE_SIZE=$BENCHRIG_DIO_FILE_SIZE instead" >&2
	var=BENCHRIG_DIO_FILE_SIZE
	BENCHRIG_DIRECTIO_FILE_SIZE=$BENCHRIG_DIO_FILE_SIZE
fi
size=${BENCHRIG_DIRECTIO_FILE_SIZE:-1GiB}
num=${size%%[!0-9]*}
case ${size#"$num"} in
"" | B) mult=1 ;;
KiB) mult=1024 ;;
MiB) mult=1048576 ;;
GiB) mult=1073741824 ;;
*) echo "fio.sh: $var=$size: use an IEC size such as 64MiB or 1GiB" >&2; exit 2 ;;
esac
read_bytes=$((num * mult))
write_bytes=$((read_bytes / 4 / 1048576 * 1048576))
[ "$write_bytes" -ge 1048576 ] || write_bytes=1048576

work=$(mktemp -d "$dir/benchrig-fio-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cd "$(dirname "$0")/../../.."

# Shared by every fio job: O_DIRECT, a fixed seed (randrepeat=1), uniform
# random offsets with repeats like the benchmark's stream (norandommap),
# threads like goroutines, and one summed result for all jobs
# (group_reporting). psync: synchronous pread/pwrite, one request in flight
# per job like one goroutine per qd. uring: one job with iodepth requests in
# flight on one ring, registered buffers, no polling, like engine=uring, and
# like it submitting every queued request in one io_uring_enter that waits
# for at least one completion and reaping all that are done (fio's default
# submits one request per call: half the io/s at qd=64 on the reference VM).
common="--direct=1 --thread --time_based --runtime=$secs --group_reporting --randrepeat=1 --norandommap"
psync="--ioengine=psync"
uring="--ioengine=io_uring --fixedbufs --numjobs=1"

run_go() { # run_go NAME PATTERN ENGINE: io/s of one go test run, or "fail" or "skip"
	log=$work/go-$1-$round.txt
	# Only ENGINE's cells exist in the run: a psync pattern, which ends at
	# sync=, would also match the other engines' longer names.
	if ! BENCHRIG_DIR=$dir BENCHRIG_DIRECTIO_ENGINE=$3 go test -run '^$' -bench "$2" -benchtime "${secs}s" -count 1 ./bench/directio >"$log" 2>&1; then
		# A failed run is reported with its reason and left out of the
		# medians; it never becomes a zero.
		echo "fio.sh: go test failed for $1 in round $round:" >&2
		grep -E -- '--- FAIL|_test.go:|FAIL' "$log" >&2 || tail -n 20 "$log" >&2
		echo fail
		return
	fi
	v=$(awk '/^BenchmarkDirectIO/ { for (i = 1; i < NF; i++) if ($(i+1) == "io/s") print $i }' "$log")
	if [ -z "$v" ]; then
		# No result line: the cell skipped (its reason is a "# benchrig: skip" note).
		grep -E -- '# benchrig: skip' "$log" >&2 || tail -n 5 "$log" >&2
		v=skip
	fi
	echo "$v"
}

run_fio() { # run_fio NAME FIO_ARGS...: io/s of one fio run (read + write)
	name=$1
	shift
	fio --name="$name" $common "$@" --output-format=terse --terse-version=3 | awk -F';' '{ print $8 + $49 }'
	rm -f "$work/read" "$work/write" # keep scratch use to one file set at a time
}

results=$work/results
pair() { # pair ROUND NAME ENGINE GO_BENCH_PATTERN FIO_ARGS...
	round=$1 name=$2 eng=$3 pat=$4
	shift 4
	if [ $((round % 2)) -eq 1 ]; then
		g=$(run_go "$name" "$pat" "$eng")
		f=$(run_fio "$name" "$@")
	else
		f=$(run_fio "$name" "$@")
		g=$(run_go "$name" "$pat" "$eng")
	fi
	case $g in fail | skip)
		echo "round $round $name go $g (see above); fio $f io/s"
		return
		;;
	esac
	echo "$name $g $f" >>"$results"
	awk -v r="$round" -v n="$name" -v g="$g" -v f="$f" \
		'BEGIN { printf "round %d %-22s go %9.0f io/s   fio %9.0f io/s   go/fio %.3f\n", r, n, g, f, (f > 0 ? g / f : 0) }'
}

echo "dir=$dir data=${read_bytes}B write=${write_bytes}B runtime=${secs}s rounds=$rounds engines=$engines"
rf="--filename=$work/read --size=$read_bytes"
wf="--filename=$work/write --size=$write_bytes --overwrite=1"
cell() { printf '^BenchmarkDirectIO$/^op=%s$/^bs=4KiB$/^qd=%s$/^io=direct$/^sync=none$%s' "$1" "$2" "${3:+/^engine=$3\$}"; }
names=
round=1
while [ "$round" -le "$rounds" ]; do
	if want psync; then
		pair "$round" randread-4k-qd1 psync "$(cell randread 1)" $rf $psync --rw=randread --bs=4k --numjobs=1
		pair "$round" randread-4k-qd2 psync "$(cell randread 2)" $rf $psync --rw=randread --bs=4k --numjobs=2
		pair "$round" seqwrite-4k-qd1 psync "$(cell seqwrite 1)" $wf $psync --rw=write --bs=4k --numjobs=1
		pair "$round" seqwrite-1m-qd1 psync '^BenchmarkDirectIO$/^op=seqwrite$/^bs=1MiB$/^qd=1$/^io=direct$/^sync=none$' $wf $psync --rw=write --bs=1m --numjobs=1
		# Calibration, no device: warm buffered reads are pure per-request CPU
		# cost (system call, page cache lookup, copy, clock reads), so this pair
		# shows whether the Go loop costs more than fio's.
		pair "$round" randread-4k-warm psync '^BenchmarkDirectIO$/^op=randread$/^bs=4KiB$/^qd=1$/^io=buffered$/^sync=none$' $rf $psync --rw=randread --bs=4k --numjobs=1 --direct=0 --invalidate=0 --pre_read=1
		[ "$round" -eq 1 ] && names="$names randread-4k-qd1 randread-4k-qd2 seqwrite-4k-qd1 seqwrite-1m-qd1 randread-4k-warm"
	fi
	if want raw; then
		for qd in 1 2; do
			pair "$round" "raw-randread-4k-qd$qd" raw "$(cell randread "$qd" raw)" $rf $psync --rw=randread --bs=4k --numjobs="$qd"
			[ "$round" -eq 1 ] && names="$names raw-randread-4k-qd$qd"
		done
	fi
	if want uring; then
		for op in ${FIO_URING_OPS:-randread randwrite}; do
			for qd in ${FIO_URING_QDS:-1 4 16 32 64}; do
				if [ $op = randread ]; then files=$rf; else files=$wf; fi
				pair "$round" "uring-$op-4k-qd$qd" uring "$(cell "$op" "$qd" uring)" $files $uring --rw="$op" --bs=4k --iodepth="$qd" --iodepth_batch_submit="$qd" --iodepth_batch_complete_max="$qd"
				[ "$round" -eq 1 ] && names="$names uring-$op-4k-qd$qd"
			done
		done
	fi
	round=$((round + 1))
done

echo "median over $rounds rounds:"
for name in $names; do
	if ! grep -q "^$name " "$results" 2>/dev/null; then
		printf '%-22s no go result (failed or skipped in every round)\n' "$name"
		continue
	fi
	g=$(awk -v n="$name" '$1 == n { print $2 }' "$results" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
	f=$(awk -v n="$name" '$1 == n { print $3 }' "$results" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
	awk -v n="$name" -v g="$g" -v f="$f" \
		'BEGIN { printf "%-22s go %9.0f io/s   fio %9.0f io/s   go/fio %.3f\n", n, g, f, (f > 0 ? g / f : 0) }'
done
