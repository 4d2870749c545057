# tests/lib.sh - shared helpers for the end-to-end test scripts
# Source it from a script in tests/e2e/. It gives:
#   ROOT      the repository root;   PP  the generator (default ROOT/portpages)
#   T         a scratch directory, removed on exit: on /dev/shm (tmpfs)
#             when it and memory have room (4 and 6 GiB), else in TMPDIR
#             or /tmp
#   SHARED    a whole site built from the default templates and content
#             with REG, shared by the checks that only read it (see
#             shared_site); tests/run.sh builds it once per run
#   CSV       ../shared/data/service-names-port-numbers.csv, or "" when absent
#   REG       the registry to build with: CSV if present, else a fixture
#   ok NAME / not_ok NAME / skip NAME / check NAME CMD...   record a result
#   wait_until SECONDS CMD...   poll CMD until it succeeds or time runs out
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PP=${PP:-$ROOT/portpages}
RESULTS=${RESULTS:-/dev/null}
CSV=$ROOT/../shared/data/service-names-port-numbers.csv
[ -f "$CSV" ] || CSV=
REG=${CSV:-$ROOT/tests/fixtures/small.csv}
# Whole sites are 65,835 files: on a tmpfs they cost a fraction of disk.
# A tmpfs lives in memory, so it needs room there as well as in itself.
scratch_dir() {
	local free avail
	free=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
	avail=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo 2>/dev/null)
	if [ -z "${TMPDIR:-}" ] && [ -w /dev/shm ] && [ "${free:-0}" -gt 4194304 ] &&
		[ "${avail:-0}" -gt 6291456 ]; then
		echo /dev/shm
	else
		echo "${TMPDIR:-/tmp}"
	fi
}
T=$(mktemp -d "$(scratch_dir)/portpages-test.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

ok() { echo "ok - $*"; echo pass >>"$RESULTS"; }
not_ok() { echo "not ok - $*"; echo fail >>"$RESULTS"; }
skip() { echo "skip - $*"; echo skip >>"$RESULTS"; }
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
# wait_until SECONDS CMD...: runs CMD every 20 ms until it succeeds (0) or
# SECONDS (whole) have passed by the clock (1), however slow CMD itself is.
wait_until() {
	local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	until "$@"; do
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		sleep 0.02
	done
}
# need_csv NAME: skip NAME (return 1) when the shared IANA snapshot is absent.
need_csv() {
	[ -n "$CSV" ] && return 0
	skip "$1 (../shared/data/service-names-port-numbers.csv is absent)"
	return 1
}
# build DIR [ARGS...]: a quiet full build into DIR with the default registry.
build() {
	local out=$1
	shift
	"$PP" -q -t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o "$out" "$@"
}
# shared_site: prints the path of a whole build of the default templates
# and content with REG, building it into $T only when tests/run.sh did not
# (PORTPAGES_SHARED_SITE). Callers must not change it.
shared_site() {
	if [ -n "${PORTPAGES_SHARED_SITE:-}" ] && [ -f "$PORTPAGES_SHARED_SITE/.portpages-stamp" ]; then
		echo "$PORTPAGES_SHARED_SITE"
		return 0
	fi
	[ -f "$T/shared/.portpages-stamp" ] || build "$T/shared" >&2 || return 1
	echo "$T/shared"
}
