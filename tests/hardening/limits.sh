#!/usr/bin/env bash
# tests/hardening/limits.sh - oversized and pathological inputs, bounded memory
#
# Registries of 100 MB, with a 10 MB line (CSV and services), with more
# entries than the loader takes, with ranges covering every port thousands
# of times, with a thousand entries at one port; a 50 MB note, a 1 MB note
# of pathological Markdown, 100,000 files in content/ports (most of them
# not notes), a directory where a note should be. Each gives a clear
# outcome (exit 0 with warnings, or exit 1 with a one-line error, never a
# signal) within LIMITS_TIMEOUT seconds, under `ulimit -v` of
# LIMITS_VMEM_KB, and its peak RSS (bench/rss.c) stays under the
# case's bound. The figures go to tests/build/hardening/limits.txt for
# docs/faults.md.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1
export LC_ALL=C
VMEM=${LIMITS_VMEM_KB:-2097152}
TIMEOUT=${LIMITS_TIMEOUT:-60}
RSS=$ROOT/tests/build/hardening/rss
if ! make -s hardening-tools >"$T/make.log" 2>&1; then
	cat "$T/make.log"
	not_ok "limits: build tests/build/hardening/rss"
	exit 0
fi
FIG=$ROOT/tests/build/hardening/limits.txt
: >"$FIG"
HEADER='Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes'

# limit NAME WANT MAXRSS_MB PATTERN ARGS...: runs the generator (without -q,
# so that warnings show) with ARGS under the memory limit and a timeout.
# WANT: 0 (must build), 1 (must be refused), any. PATTERN must occur on
# stderr ("" for none). Every stderr line must be a portpages message, and
# a refusal exactly one line.
limit() {
	local name=$1 want=$2 max=$3 pat=$4 rc kb s e secs bad=""
	shift 4
	s=$(date +%s.%N)
	(ulimit -v "$VMEM"; exec timeout -s KILL "$TIMEOUT" "$RSS" "$T/rss" \
		"$PP" -j 2 -t templates "$@") >/dev/null 2>"$T/err"
	rc=$?
	e=$(date +%s.%N)
	secs=$(echo "$e - $s" | bc | sed 's/^\./0./' | cut -c1-5)
	kb=$(cut -d' ' -f1 "$T/rss" 2>/dev/null)
	[ -f "$T/rss" ] || bad="timed out after ${TIMEOUT}s or killed"
	rm -f "$T/rss"
	if [ -z "$bad" ]; then
		if [ "$rc" -ge 128 ]; then
			bad="killed by signal $((rc - 128))"
		elif [ "$want" != any ] && [ "$rc" -ne "$want" ]; then
			bad="exit $rc, expected $want"
		elif [ "$rc" -eq 1 ] && [ "$(grep -vc '^portpages: .*warning: ' "$T/err")" -ne 1 ]; then
			bad="refused without exactly one error line"
		elif grep -qv '^portpages: ' "$T/err"; then
			bad="a stderr line that is not a portpages message"
		elif [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
			bad="no \"$pat\" on stderr"
		elif [ "$((kb / 1024))" -gt "$max" ]; then
			bad="peak RSS $((kb / 1024)) MB, bound $max MB"
		fi
	fi
	printf '%s | exit %s | %s MB | %s s | %s\n' "$name" "$rc" "$((${kb:-0} / 1024))" \
		"$secs" "$({ grep -v ': warning: ' "$T/err"; grep -v 'more warnings\|more files' "$T/err"; } |
		head -n 1 | sed "s|$T/||g" | cut -c1-110)" >>"$FIG"
	if [ -z "$bad" ]; then
		ok "limits: $name (exit $rc, ${secs}s, peak RSS $((kb / 1024)) MB <= $max MB)"
	else
		not_ok "limits: $name: $bad"
		head -c 600 "$T/err"
	fi
}

O=$T/out
# 100 MB of registry: refused before it is read.
{ echo "$HEADER"; yes 'svc,80,tcp,A description,,,,,,,,' | head -c 100000000; } >"$T/100mb.csv"
limit "registry of 100 MB" 1 64 'registry too large' -c content -r "$T/100mb.csv" -o "$O" --range 0-9
rm -f "$T/100mb.csv"

# Just under the 64 MiB limit, but all of it tiny rows: too many entries.
{ echo "$HEADER"; seq 1 3000000 | sed 's/^\(.*\)$/s\1,80,tcp/'; } | head -c 60000000 >"$T/rows.csv"
limit "registry of 60 MB of tiny rows (over 131072 entries)" 1 128 'entries' -c content -r "$T/rows.csv" -o "$O" --range 0-9
# Exactly as many entries as the loader takes, spread over every port.
{ echo "$HEADER"; seq 0 131071 | awk '{printf "s%d,%d,tcp,d\n", $1, $1 % 65536}'; } >"$T/max.csv"
limit "registry of 131072 entries (the limit)" 0 512 '' -c content -r "$T/max.csv" -o "$O" --range 0-255
rm -f "$T/rows.csv" "$T/max.csv"

# A 10 MB line: a field of 10 MB (row skipped), then the same unquoted,
# then a quoted field that never closes.
{ echo "$HEADER"; head -n 200 "$REG" | tail -n +2; printf 'big,81,tcp,"'; head -c 10000000 /dev/zero | tr '\0' x; printf '",,,,,,,,\n'; echo 'after,82,tcp,The row after,,,,,,,,'; } >"$T/line.csv"
limit "CSV with a 10 MB line" 0 256 'longer than 64 KiB' -c content -r "$T/line.csv" -o "$O" --range 80-82
{ echo "$HEADER"; echo 'ssh,22,tcp,SSH,,,,,,,,'; printf 'big,81,tcp,'; head -c 10000000 /dev/zero | tr '\0' x; printf ',,,,,,,,\n'; } >"$T/line2.csv"
limit "CSV with a 10 MB unquoted line" 0 256 'longer than 64 KiB' -c content -r "$T/line2.csv" -o "$O" --range 80-82
{ echo "$HEADER"; echo 'ssh,22,tcp,SSH,,,,,,,,'; printf 'open,81,tcp,"'; head -c 10000000 /dev/zero | tr '\0' x; } >"$T/line3.csv"
limit "CSV with a quote left open for 10 MB" any 256 '' -c content -r "$T/line3.csv" -o "$O" --range 80-82
{ echo 'ssh 22/tcp # SSH'; printf 'big 81/tcp '; head -c 10000000 /dev/zero | tr '\0' x; printf '\nafter 82/tcp # after\n'; } >"$T/line.services"
limit "services file with a 10 MB line" 0 256 'longer than 64 KiB' -c content -r "$T/line.services" -o "$O" --range 80-82
rm -f "$T"/line*

# Ranges: every port covered 20,000 times; a thousand entries at one port.
{ echo "$HEADER"; seq 1 20000 | sed 's/^\(.*\)$/r\1,0-65535,tcp,x/'; } >"$T/ranges.csv"
limit "20,000 rows covering every port" 1 64 'port ranges cover' -c content -r "$T/ranges.csv" -o "$O" --range 0-9
{ echo "$HEADER"; seq 1 1000 | sed 's/^\(.*\)$/p\1,80,tcp,x/'; } >"$T/perport.csv"
limit "1,000 entries at port 80" 0 128 'more than 64 entries at a port' -c content -r "$T/perport.csv" -o "$O" --range 79-81
if [ "$(grep -c '<h3\|class="assignment' "$O/port/80.html" 2>/dev/null)" -gt 200 ]; then
	not_ok "limits: 1,000 entries at port 80: the page lists more than 64"
fi

# The worst a registry within the limits can do to memory (LIMITS_HEAVY=1:
# 20 s, 2 GB of disk): 131,071 entries whose descriptions are all "&",
# five bytes each once escaped, listed on one services index page.
if [ "${LIMITS_HEAVY:-0}" = 1 ]; then
	amp=$(head -c 480 /dev/zero | tr '\0' '&')
	{ echo "$HEADER"; seq 0 131070 | awk -v a="$amp" '{printf "s%d,%d,tcp,%s\n", $1, $1 % 65536, a}'; } >"$T/worst.csv"
	TIMEOUT=300 limit "whole build, 64 MB registry built to bloat services/s.html" 0 1536 '' -c content -r "$T/worst.csv" -o "$T/worst"
	rm -rf "$T/worst.csv" "$T/worst"
else
	skip "limits: whole build from a 64 MB registry built to bloat one page (LIMITS_HEAVY=1; measured: 952 MB peak RSS)"
fi

# Notes.
C=$T/c50
mkdir -p "$C/ports"
{ printf -- '---\ntitle: Big\n---\n'; yes 'A line of the note, *with* `markup` and [a link](https://example.org/).' | head -c 50000000; } >"$C/ports/22.md"
limit "note of 50 MB" 1 64 'file too large' -c "$C" -r "$REG" -o "$O" --range 20-25
rm -rf "$C"

C=$T/cmd
mkdir -p "$C/ports"
{ printf -- '---\ntitle: Pathological\n---\n'
  head -c 200000 /dev/zero | tr '\0' '['
  printf '\n\n'; head -c 200000 /dev/zero | tr '\0' '>'
  printf ' x\n\n'; yes '*a **b _c __d' | head -c 200000 | tr '\n' ' '
  printf '\n\n'; yes -- '- ' | head -c 100000 | tr -d '\n'
  printf 'x\n\n'; head -c 100000 /dev/zero | tr '\0' '`'
  printf '\n\n'; yes '<a' | head -c 100000 | tr -d '\n'
  printf '\n'
} | head -c 1040000 >"$C/ports/22.md"
limit "note of 1 MB of pathological Markdown" 0 256 '' -c "$C" -r "$REG" -o "$O" --range 20-25
rm -rf "$C"

# 100,000 files in content/ports: 99,000 that are not notes, 1,000 that are.
C=$T/many
mkdir -p "$C/ports"
(cd "$C/ports" && seq -f 'junk-%g.txt' 1 90000 | xargs touch &&
	seq -f '%g.md.bak' 1 5000 | xargs touch &&
	seq 65536 69535 | sed 's/$/.md/' | xargs touch &&
	touch 00022.md 070000.md 22.MD -- -1.md 1e3.md ' 22.md')
for p in $(seq 1 1000); do printf -- '---\ntitle: Note %d\n---\nBody of %d.\n' "$p" "$p" >"$C/ports/$p.md"; done
n=$(find "$C/ports" -type f | wc -l)
limit "$n files in content/ports, 1,000 of them notes" 0 256 'more files ignored' -c "$C" -r "$REG" -o "$O" --range 0-1023
mkdir "$C/ports/2000.md"
limit "a directory named 2000.md in content/ports" 1 256 'is a directory' -c "$C" -r "$REG" -o "$O" --range 0-9
rm -rf "$C"
exit 0
