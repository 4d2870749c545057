# tests/lib.sh - shared helpers for the end-to-end test scripts
# Source it from a script in tests/e2e/. It gives:
#   ROOT      the repository root;   PP  the generator (default ROOT/portpages)
#   T         a scratch directory, removed on exit
#   CSV       ../shared/data/service-names-port-numbers.csv, or "" when absent
#   REG       the registry to build with: CSV if present, else a fixture
#   ok NAME / not_ok NAME / skip NAME / check NAME CMD...   record a result
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PP=${PP:-$ROOT/portpages}
RESULTS=${RESULTS:-/dev/null}
CSV=$ROOT/../shared/data/service-names-port-numbers.csv
[ -f "$CSV" ] || CSV=
REG=${CSV:-$ROOT/tests/fixtures/small.csv}
T=$(mktemp -d "${TMPDIR:-/tmp}/portpages-test.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

ok() { echo "ok - $*"; echo pass >>"$RESULTS"; }
not_ok() { echo "not ok - $*"; echo fail >>"$RESULTS"; }
skip() { echo "skip - $*"; echo skip >>"$RESULTS"; }
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
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
