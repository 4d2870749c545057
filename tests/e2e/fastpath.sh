#!/usr/bin/env bash
# tests/e2e/fastpath.sh - the cached render path gives the same bytes as the straightforward one
. "$(dirname "$0")/../lib.sh"

F=$(shared_site)
build "$T/slow" --no-cache
check "all 65,536 port pages and the indexes: cached path == straightforward path ($(basename "$REG"))" \
	diff -r "$F" "$T/slow"
# One thread or two, the same bytes: tests/hardening/faults.sh checks that
# on whole builds ("whole builds on 1 and 2 threads write the same bytes").
