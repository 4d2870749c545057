#!/usr/bin/env bash
# tests/hardening/run-suite.sh - the hardening suite (tests/run.sh: "hardening")
#
# Builds the generator, the ASan+UBSan build and the fuzz harnesses, then
# runs, printing one "ok - / not ok - / skip - NAME" line per check and
# appending pass/fail/skip to $RESULTS (see tests/lib.sh):
#   inject.sh    hostile data in every input, the output in Chromium
#   faults.sh    read-only output, things in the way, disk full, the
#                registry vanishing, signals
#   limits.sh    oversized inputs, bounded memory
#   asan.sh      the generator and unit tests under ASan+UBSan
#   valgrind.sh  the generator under memcheck
#   each libFuzzer harness for HARDENING_FUZZ_SECONDS (default 10), on one
#   core while the rest runs, then the regression corpus replayed.
# Standalone it prints "N passed, M failed, K skipped" and exits non-zero
# on a failure. About 2.5 minutes on 2 idle cores, under 6 when busy.
set -u
H=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$H/../.." && pwd)
cd "$ROOT" || exit 1
own=0
if [ -z "${RESULTS:-}" ] || [ "$RESULTS" = /dev/null ]; then
	RESULTS=$(mktemp)
	own=1
fi
export RESULTS
. "$ROOT/tests/lib.sh"
SECS=${HARDENING_FUZZ_SECONDS:-10}
start=$(date +%s)

# Two instrumented builds of every source: on every core, they are a third
# of the suite's time on a fresh clone.
if ! make -s -j"$(getconf _NPROCESSORS_ONLN)" portpages asan-build fuzz-build \
	hardening-tools >"$T/make.log" 2>&1; then
	not_ok "hardening: build (portpages, asan-build, fuzz-build, hardening-tools)"
	tail -n 30 "$T/make.log"
	exit 1
fi
ok "hardening: build the generator, the ASan+UBSan build and the fuzz harnesses"

# The fuzzers take one core for 5 x SECS seconds while the rest runs.
FUZZ_JOBS=1 FUZZ_SECONDS=$SECS tests/fuzz/run.sh >"$T/fuzz.log" 2>&1 &
fuzz_pid=$!

for s in limits asan valgrind inject faults; do
	echo "# tests/hardening/$s.sh"
	t=$(date +%s)
	bash "$H/$s.sh" || not_ok "tests/hardening/$s.sh exited non-zero"
	echo "# tests/hardening/$s.sh: $(($(date +%s) - t)) s"
done

echo "# libFuzzer, ${SECS}s per harness"
wait $fuzz_pid
B=tests/build/fuzz
for n in csv services conf note layout; do
	if [ ! -f "$B/stats/$n" ]; then
		not_ok "fuzz $n: no result"
		continue
	fi
	read -r _ stats <"$B/stats/$n"
	if grep -q ' rc=0$' "$B/stats/$n"; then
		ok "fuzz $n: ${SECS}s, no crash ($stats)"
	else
		not_ok "fuzz $n: $stats"
		grep -m1 -A20 'ERROR\|runtime error\|deadly signal' "$B/stats/$n.log"
	fi
done
for n in csv services conf note layout; do
	count=$(find tests/fuzz/regress/$n tests/fuzz/seeds/$n -type f ! -name '.*' | wc -l)
	if tests/fuzz/run.sh --replay "$n" >"$T/replay.log" 2>&1; then
		ok "fuzz $n: regression corpus and seeds replayed ($count inputs)"
	else
		not_ok "fuzz $n: replay: $(tail -n 5 "$T/replay.log")"
	fi
done
echo "# hardening suite: $(($(date +%s) - start)) s"

if [ "$own" -eq 1 ]; then
	passed=$(grep -c '^pass$' "$RESULTS")
	failed=$(grep -c '^fail$' "$RESULTS")
	skipped=$(grep -c '^skip$' "$RESULTS")
	rm -f "$RESULTS"
	echo
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
fi
exit 0
