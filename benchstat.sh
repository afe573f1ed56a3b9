#!/usr/bin/env bash
# benchstat.sh — a thin shim over "go tool benchrig" (cmd/benchrig), kept so
# that the old command names work: calibrate is now "benchrig power", the
# others (run, ab, gate, compare, machines, report, help, ...) pass through
# unchanged. "go tool benchrig help" lists the commands.
#
# The tool is built from this checkout (go -C ROOT tool -n builds it into
# the build cache and prints its path) and then run in the caller's
# directory, so relative paths mean what they say and the exit status and
# signals pass through unchanged (exec, no go run).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$(go -C "$ROOT" tool -n benchrig) || {
	echo "benchstat.sh: building cmd/benchrig failed" >&2
	exit 2
}

case ${1:-} in
calibrate)
	shift
	set -- power "$@"
	;;
compare | machines)
	# The benchstat go.mod pins, so that these work from any directory.
	BENCHRIG_BENCHSTAT=${BENCHRIG_BENCHSTAT:-$(go -C "$ROOT" tool -n benchstat)}
	export BENCHRIG_BENCHSTAT
	;;
esac
exec "$BIN" "$@"
