#!/usr/bin/env bash
# tests/hardening/valgrind.sh - the generator under valgrind: no errors, no leaks
#
# memcheck on a small range with two threads, once through the cache and
# once the straightforward way (--no-cache), then a rebuild that changes
# nothing. --errors-for-leak-kinds=all: definite, indirect and possible
# leaks are errors, and so is memory still reachable at exit, except what
# libctemplate keeps in process-wide singletons (tests/hardening/
# valgrind.supp: its global name table, global dictionary and template
# cache, which grow with the names in the templates, not with the pages).
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1
if ! command -v valgrind >/dev/null; then
	skip "valgrind: not installed"
	exit 0
fi
VG=(valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
	--error-exitcode=99 --track-fds=no --num-callers=30
	--suppressions="$ROOT/tests/hardening/valgrind.supp" -q)

# vg NAME ARGS...: the generator under memcheck with ARGS.
vg() {
	local name=$1 rc
	shift
	"${VG[@]}" "$PP" -q -t templates -c content -r "$REG" "$@" >/dev/null 2>"$T/vg"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/vg" ]; then
		ok "valgrind: $name: no errors, no leaks"
	else
		not_ok "valgrind: $name (exit $rc)"
		grep -m1 -B2 -A25 '== [A-Z]\|are definitely\|are indirectly\|are possibly\|still reachable\|Invalid\|uninitialised' "$T/vg" | head -n 40
	fi
}

vg "build ports 0-299, -j 2" -j 2 -o "$T/site" --range 0-299
vg "rebuild ports 0-299, nothing changed" -j 2 -o "$T/site" --range 0-299
vg "build ports 0-99, --no-cache, -j 2" -j 2 --no-cache -o "$T/nocache" --range 0-99
vg "preview port 22 (--port)" -p 22
exit 0
