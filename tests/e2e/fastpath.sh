#!/usr/bin/env bash
# tests/e2e/fastpath.sh - the cached render path gives the same bytes as the straightforward one
. "$(dirname "$0")/../lib.sh"

F=$(shared_site)
build "$T/slow" --no-cache
check "all 65,536 port pages and the indexes: cached path == straightforward path ($(basename "$REG"))" \
	diff -r "$F" "$T/slow"
build "$T/fast1" -j 1
check "one thread or two: the same bytes" diff -r "$F" "$T/fast1"
