#!/usr/bin/env bash
# tests/run.sh - runs the test suites, timing each, and prints "N passed, M failed"
# Suites: style (function and file lengths), unit (cmocka), expected
# (exact HTML of chosen pages), generator (one whole build and its checks),
# e2e (tests/e2e/*.sh, generator included), browser (Playwright, axe-core,
# the Nu Html Checker), hardening (injection, faults, limits, sanitizers,
# valgrind, fuzzing). SUITES="unit e2e" tests/run.sh runs a subset;
# make check runs "style unit expected generator", make test all but
# generator (which e2e runs). The e2e scripts run two at a time.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
export RESULTS=$(mktemp)
SUITES=${SUITES:-style unit expected e2e browser hardening}
status=0
start=$(date +%s.%N)
. tests/lib.sh
# One whole build that every check which only reads a site shares.
export PORTPAGES_SHARED_SITE=$T/shared
trap 'rm -f "$RESULTS"; rm -rf "$T"' EXIT
echo "# scratch directory: $T ($(df -PT "$T" | awk 'NR == 2 { print $2 }'))"

elapsed() { printf '%.1f' "$(echo "$(date +%s.%N) - $1" | bc)"; }
suite() { echo "== $1"; }
run_script() {
	local t0
	t0=$(date +%s.%N)
	suite "$1"
	bash "$1" || { echo "not ok - $1 exited non-zero"; echo fail >>"$RESULTS"; }
	echo "# $1: $(elapsed "$t0") s"
}

# The end-to-end scripts use 1.4 of 2 cores on average, one at a time: two
# run at once, the longest started first (E2E_FIRST only orders them); each
# script's lines are printed whole, in name order, once all have ended.
E2E_FIRST="incremental install generator fastpath paths registry serve"
run_two_at_a_time() {
	local t n running=0 ordered=()
	for n in $E2E_FIRST; do
		for t in "$@"; do [ "$t" = "tests/e2e/$n.sh" ] && ordered+=("$t"); done
	done
	for t in "$@"; do
		[[ " $E2E_FIRST " == *" $(basename "$t" .sh) "* ]] || ordered+=("$t")
	done
	for t in "${ordered[@]}"; do
		if [ "$running" -ge 2 ]; then
			wait -n
			running=$((running - 1))
		fi
		run_script "$t" >"$T/e2e.$(basename "$t").out" 2>&1 &
		running=$((running + 1))
	done
	wait
	for t in "$@"; do cat "$T/e2e.$(basename "$t").out"; done
}

# The browser suite mostly waits on Chromium (under one core busy): when
# hardening runs too, browser runs beside it and its lines come after.
beside=""
for s in $SUITES; do
	t0=$(date +%s.%N)
	if [ "$s" = browser ] && [[ " $SUITES " == *" hardening "* ]]; then
		(run_script tests/browser/run-suite.sh
		 echo "# suite browser: $(elapsed "$t0") s (beside hardening)") \
			>"$T/browser.out" 2>&1 &
		beside=$!
		continue
	fi
	case $s in
	style) run_script tests/style/lengths.sh ;;
	unit)
		suite "unit tests (cmocka)"
		make -s unit || { echo fail >>"$RESULTS"; status=1; continue; }
		for t in tests/build/test_*; do
			if "$t"; then echo pass >>"$RESULTS"; else echo fail >>"$RESULTS"; fi
		done
		;;
	expected) run_script tests/expected/run.sh ;;
	generator | e2e)
		if [ ! -f "$PORTPAGES_SHARED_SITE/.portpages-stamp" ]; then
			suite "the shared whole build ($(basename "$REG"))"
			if build "$PORTPAGES_SHARED_SITE"; then echo pass >>"$RESULTS"; else echo fail >>"$RESULTS"; fi
		fi
		if [ "$s" = generator ]; then
			run_script tests/e2e/generator.sh
		else
			run_two_at_a_time tests/e2e/*.sh
		fi
		;;
	browser | hardening) run_script "tests/$s/run-suite.sh" ;;
	*)
		echo "unknown suite $s" >&2
		exit 2
		;;
	esac
	echo "# suite $s: $(elapsed "$t0") s"
done
if [ -n "$beside" ]; then
	wait "$beside"
	cat "$T/browser.out"
fi

passed=$(grep -c '^pass$' "$RESULTS")
failed=$(grep -c '^fail$' "$RESULTS")
skipped=$(grep -c '^skip$' "$RESULTS")
echo
echo "# all suites: $(elapsed "$start") s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
