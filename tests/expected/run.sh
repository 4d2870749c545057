#!/usr/bin/env bash
# tests/expected/run.sh - the exact bytes of chosen pages, built from a fixture registry
# Builds the site from tests/expected/registry.csv and content/ with the
# repository's templates, and compares each file listed in pages.txt with
# tests/expected/out/, printing the diff of any that differ. With
# --update it writes them instead (make expected): do that only after a
# change to the templates or the generator that is meant to change pages,
# and read the diff before committing it.
. "$(dirname "$0")/../lib.sh"

E=$ROOT/tests/expected
cd "$ROOT" || exit 1
# Relative paths: the registry's path is printed on every page.
if ! "$PP" -q -j 2 -t templates -c tests/expected/content \
	-r tests/expected/registry.csv -o "$T/site" 2>"$T/err"; then
	not_ok "expected: the fixture site builds ($(head -c 300 "$T/err"))"
	exit 0
fi
ok "expected: the fixture site builds"
while read -r page; do
	if [ "${1:-}" = --update ]; then
		mkdir -p "$(dirname "$E/out/$page")"
		cp "$T/site/$page" "$E/out/$page"
		echo "updated tests/expected/out/$page"
	elif diff -u "$E/out/$page" "$T/site/$page" >"$T/diff" 2>&1; then
		ok "expected: $page"
	else
		not_ok "expected: $page differs from tests/expected/out/$page:"
		head -n 40 "$T/diff"
	fi
done <"$E/pages.txt"
