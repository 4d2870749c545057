#!/usr/bin/env bash
# tests/style/lengths.sh - no function in src/ over 80 lines, no source file over 700
# Functions are found the way our style writes them: the name at the start
# of a line, the body between a "{" and a "}" alone at the start of a line.
# Tables (initialisers ending in "};") are not functions and are not counted.
. "$(dirname "$0")/../lib.sh"

long_functions() {
	awk '
	FNR == 1 { name = ""; start = 0 }
	/^[a-z_][a-z0-9_]*\(/ { name = FILENAME ":" $0; sub(/\(.*/, "", name) }
	/^\{$/ { start = FNR }
	/^\}$/ && start { if (FNR - start + 1 > 80) print name ": " FNR - start + 1 " lines"; start = 0 }
	' "$ROOT"/src/*.c "$ROOT"/src/*.cc
}
long_files() {
	wc -l "$ROOT"/src/*.c "$ROOT"/src/*.cc "$ROOT"/src/*.h | awk '$2 != "total" && $1 > 700 { print $2 ": " $1 " lines" }'
}
out=$(long_functions)
if [ -z "$out" ]; then ok "style: every function in src/ has at most 80 lines"; else not_ok "style: functions over 80 lines: $out"; fi
out=$(long_files)
if [ -z "$out" ]; then ok "style: every file in src/ has at most 700 lines"; else not_ok "style: files over 700 lines: $out"; fi
