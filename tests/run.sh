#!/usr/bin/env bash
# tests/run.sh - runs every test suite and prints "N passed, M failed"
# Suites: unit (cmocka), end to end (tests/e2e/*.sh), browser (Playwright,
# axe-core, the Nu Html Checker), sanitizers and valgrind, fuzzing smoke runs.
# SUITES="unit e2e" tests/run.sh runs a subset.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
export RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT
SUITES=${SUITES:-unit e2e browser hardening}
status=0

suite() { echo "== $1"; }

for s in $SUITES; do
	case $s in
	unit)
		suite "unit tests (cmocka)"
		make -s unit || { echo fail >>"$RESULTS"; status=1; continue; }
		for t in tests/build/test_*; do
			if "$t"; then echo pass >>"$RESULTS"; else echo fail >>"$RESULTS"; fi
		done
		;;
	e2e)
		for t in tests/e2e/*.sh; do
			suite "$t"
			bash "$t" || { echo "not ok - $t exited non-zero"; echo fail >>"$RESULTS"; }
		done
		;;
	browser | hardening)
		for t in tests/$s/run-suite.sh; do
			[ -f "$t" ] || continue
			suite "$t"
			bash "$t" || { echo "not ok - $t exited non-zero"; echo fail >>"$RESULTS"; }
		done
		;;
	*)
		echo "unknown suite $s" >&2
		exit 2
		;;
	esac
done

passed=$(grep -c '^pass$' "$RESULTS")
failed=$(grep -c '^fail$' "$RESULTS")
skipped=$(grep -c '^skip$' "$RESULTS")
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
