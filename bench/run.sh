#!/usr/bin/env bash
# bench/run.sh: time portpages' full, no-op, incremental and partial builds against a
# plain-I/O floor (and Hugo when installed), and check them against the targets.
#
# Environment:
#   BIN        generator to measure, built with -O2 (default ./portpages)
#   RUNS       runs per case (default 5); medians are reported
#   J1_RUNS    runs of the -j 1 full build (default 1; 0 skips it)
#   WORK       scratch directory (default: mktemp -d under /tmp, removed at the end).
#              A WORK you name is kept; the run's trees go into WORK/run.XXXXXX,
#              which is removed at the end
#   KEEP=1     keep the scratch trees
#   TEMPLATES  templates directory to build from and to copy for the edit cases
#              (default templates)
#   EXTRA_ARGS more generator arguments, split on blanks (e.g. "-c content")
#   SUB_TPL    template (path inside TEMPLATES) edited for the subset-edit case
#   ALL_TPL    template (path inside TEMPLATES) edited for the all-pages-edit case
#   HUGO=0     skip the Hugo comparison (minutes, and about 10 GB of memory); it is
#              also skipped when less than HUGO_MIN_MB (12288) MB is available, unless HUGO=1
#   SYNC=0     do not call sync(1) before each timed run
#   STRICT=1   exit 1 when a target is missed (default: report only)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

BIN=${BIN:-./portpages}
RUNS=${RUNS:-5}
J1_RUNS=${J1_RUNS:-1}
TEMPLATES=${TEMPLATES:-templates}
EXTRA_ARGS=${EXTRA_ARGS:-}
HUGO=${HUGO:-auto}
HUGO_MIN_MB=${HUGO_MIN_MB:-12288}
SYNC=${SYNC:-1}
STRICT=${STRICT:-0}
KEEP=${KEEP:-0}

die() {
	echo "bench: $*" >&2
	exit 1
}
note() { echo "bench: $*"; }

case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer (got '$RUNS')" ;; esac
case $J1_RUNS in '' | *[!0-9]*) die "J1_RUNS must be a non-negative integer (got '$J1_RUNS')" ;; esac

# Paths given relative to the caller's directory are resolved before we cd to the root.
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}
if [[ $BIN == */* ]]; then
	BIN=$(abspath "$BIN")
else
	BIN=$(command -v "$BIN") || die "generator '$BIN' not found on PATH"
fi
[ -x "$BIN" ] || die "generator $BIN not found or not executable (run make first, or set BIN=)"
TEMPLATES=$(abspath "$TEMPLATES")
[ -d "$TEMPLATES" ] || die "templates directory $TEMPLATES not found"

if [ -n "${WORK:-}" ]; then
	WORK=$(abspath "$WORK")
	mkdir -p "$WORK"
	own_work=0
else
	WORK=$(mktemp -d /tmp/portpages-bench.XXXXXX)
	own_work=1
fi
# Every tree of the run gets a fresh directory and nothing is deleted until the
# end. Deleting ~65,000 files slows down creating files for the next half-minute
# on ext4 without a journal (as on this project's machines): the inode allocator
# steps over recently freed inodes one by one. An rm -rf between runs would be
# measured as part of the next run.
OUT=$(mktemp -d "$WORK/run.XXXXXX")
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
	if [ "$KEEP" = 1 ]; then
		note "kept the scratch trees in $OUT"
		return
	fi
	note "removing the scratch trees (on ext4 without a journal, wait a minute before the next run)"
	rm -rf "$OUT"
	if [ "$own_work" = 1 ]; then
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

cd "$root"

# ---------------------------------------------------------------- setup
CC=${CC:-cc}
"$CC" -std=c11 -O2 -Wall -Wextra -pedantic -Wstrict-prototypes -Werror \
	-o "$OUT/floor" "$here/floor.c"
"$CC" -std=c11 -O2 -Wall -Wextra -pedantic -Wstrict-prototypes -Werror \
	-o "$OUT/rss" "$here/rss.c"
RSS=$OUT/rss
FLOOR=$OUT/floor
LOG=$OUT/log
mkdir -p "$LOG"

REG_REL=../shared/data/service-names-port-numbers.csv
REG_ARGS=()
if [ -f "$REG_REL" ]; then
	REG_ARGS=(-r "$REG_REL")
else
	note "registry $REG_REL not found: using the generator's default registry"
fi
read -r -a EXTRA <<<"$EXTRA_ARGS"
GEN=("$BIN" -t "$TEMPLATES" "${REG_ARGS[@]}" "${EXTRA[@]}")
# The edit cases build from a copy of the templates, so edits never touch the tree.
EGEN=("$BIN" -t "$OUT/tpl" "${REG_ARGS[@]}" "${EXTRA[@]}")

note "generator: $BIN"
note "command:   ${GEN[*]}"
note "scratch:   $OUT ($(df -h "$OUT" | awk 'NR==2 {print $1 ", " $4 " free"}'))"
note "runs:      $RUNS per case (page cache warm; nothing is dropped)"
echo

# run_timed LOGFILE CMD...: runs CMD under rss, sets T (wall seconds) and M (peak RSS kB).
run_timed() {
	local log=$1 line
	shift
	if [ "$SYNC" = 1 ]; then
		# Write-back of the previous run's dirty pages would otherwise land in this one.
		sync
	fi
	if ! "$RSS" "$@" >"$log" 2>&1; then
		echo "bench: command failed: $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	line=$(grep '^maxrss_kb=' "$log" | tail -n 1)
	M=${line#maxrss_kb=}
	M=${M%% *}
	T=${line##*elapsed_s=}
}

# stats N...: prints "median min max".
stats() {
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
		END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
		      printf "%.3f %.3f %.3f\n", m, a[1], a[NR] }'
}

# report LABEL N...: prints one line and sets MED, MIN, MAX.
report() {
	local label=$1
	shift
	read -r MED MIN MAX < <(stats "$@")
	printf '  %-46s median %8.3f s   (min %.3f, max %.3f, n=%d)\n' "$label" "$MED" "$MIN" "$MAX" "$#"
}

# written_of LOGFILE: the "N written" count of the summary line, or empty.
written_of() {
	sed -n 's/.*portpages: \([0-9][0-9]*\) written.*/\1/p' "$1" | tail -n 1
}

calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
mb() { awk "BEGIN { printf \"%.1f\", $1 / 1048576 }"; }
tree_list() { (cd "$1" && find . -type f -printf '%P %s\n' | LC_ALL=C sort); }

FAILS=0
verdicts=()
# verdict NAME VALUE OK-EXPRESSION TARGET-TEXT: records "name|value|target|result".
verdict() {
	local r=PASS
	if ! awk "BEGIN { exit !($3) }"; then
		r=FAIL
		FAILS=$((FAILS + 1))
	fi
	verdicts+=("$1|$2|$4|$r")
}

# ---------------------------------------------------------------- a, d, e, -j 1
# The builds into an empty directory and the floor writer take turns within each
# round, so that a slow spell of the machine (its disk and CPUs are shared) hits
# all of them alike and leaves their ratios alone.
echo "a. full build, d. floor writer, e. quarter site, -j 1 full build: $RUNS interleaved rounds"
full_t=()
floor_t=()
q_t=()
j1_t=()
peak_kb=0
for i in $(seq 1 "$RUNS"); do
	run_timed "$LOG/full.$i" "${GEN[@]}" -q -o "$OUT/full.$i"
	full_t+=("$T")
	if [ "$M" -gt "$peak_kb" ]; then peak_kb=$M; fi

	if [ "$i" = 1 ]; then
		tree_list "$OUT/full.1" >"$OUT/list.txt"
		[ -s "$OUT/list.txt" ] || die "the full build wrote no files"
		# Every round keeps its trees (see above): check the disk can hold them all.
		need_kb=$(awk -v r="$RUNS" -v j="$J1_RUNS" '{ s += $NF + 4096 }
			END { printf "%d", s * (2.3 * r + j + 3) / 1024 }' "$OUT/list.txt")
		free_kb=$(df -Pk "$OUT" | awk 'NR == 2 { print $4 }')
		if [ "$free_kb" -lt "$need_kb" ]; then
			die "about $((need_kb / 1024)) MB of scratch space needed, $((free_kb / 1024)) MB free in $OUT (lower RUNS)"
		fi
	fi

	run_timed "$LOG/floor.$i" "$FLOOR" "$OUT/list.txt" "$OUT/floor.$i"
	floor_t+=("$T")
	if [ "$i" = 1 ]; then
		tree_list "$OUT/floor.1" | cmp -s "$OUT/list.txt" - ||
			die "the floor writer's tree differs from the site's"
	fi

	run_timed "$LOG/quarter.$i" "${GEN[@]}" -q --range 0-16383 -o "$OUT/quarter.$i"
	q_t+=("$T")
	qfiles=$(find "$OUT/quarter.$i" -type f | wc -l)

	j1_msg=
	if [ "$i" -le "$J1_RUNS" ]; then
		run_timed "$LOG/j1.$i" "${GEN[@]}" -q -j 1 -o "$OUT/j1.$i"
		j1_t+=("$T")
		j1_msg=", -j 1 $T s"
	fi
	printf '  round %d/%d: full %s s, floor %s s, quarter %s s%s\n' "$i" "$RUNS" \
		"${full_t[-1]}" "${floor_t[-1]}" "${q_t[-1]}" "$j1_msg"
done
SITE=$OUT/full.$RUNS
tree_list "$SITE" >"$OUT/list.txt"
files=$(wc -l <"$OUT/list.txt")
bytes=$(awk '{ s += $NF } END { printf "%d", s }' "$OUT/list.txt")
ports=$(grep -c '^port/[0-9]*\.html ' "$OUT/list.txt" || true)
peak_mb=$(awk "BEGIN { printf \"%.1f\", $peak_kb / 1024 }")

report "a. full build (-j $(nproc) = online CPUs)" "${full_t[@]}"
FULL=$MED
FULL_RANGE="$MIN–$MAX"
printf '  %-46s %d files (%d port pages), %s MB\n' "   output" "$files" "$ports" "$(mb "$bytes")"
printf '  %-46s %s MB\n' "   peak RSS (max over runs)" "$peak_mb"
report "d. floor writer (same names and sizes)" "${floor_t[@]}"
FLOOR_T=$MED
FLOOR_RANGE="$MIN–$MAX"
report "e. quarter site, --range 0-16383 ($qfiles files)" "${q_t[@]}"
QUARTER=$MED
QUARTER_RANGE="$MIN–$MAX"
J1=""
if [ "$J1_RUNS" -gt 0 ]; then
	report "full build with -j 1" "${j1_t[@]}"
	J1=$MED
	J1_RANGE="$MIN–$MAX"
	printf '  %-46s %.2fx\n' "   speed-up of -j $(nproc) over -j 1" "$(calc "$J1 / $FULL")"
fi
echo

# ---------------------------------------------------------------- b. no-op rebuild
echo "b. no-op rebuild (the last full build's directory, nothing changed)"
noop_t=()
noop_bad=0
for i in $(seq 1 "$RUNS"); do
	touch "$OUT/stamp"
	# Timestamps are coarse (one kernel tick): keep a file written right
	# after the stamp from sharing its mtime and escaping -newer.
	sleep 0.05
	run_timed "$LOG/noop.$i" "${GEN[@]}" -o "$SITE"
	noop_t+=("$T")
	w=$(written_of "$LOG/noop.$i")
	touched=$(find "$SITE" -type f -newer "$OUT/stamp" | wc -l)
	if [ "${w:-0}" != 0 ] || [ "$touched" != 0 ]; then
		noop_bad=1
		note "no-op run $i: summary says '${w:-no summary line}' written, $touched files have a newer mtime"
	fi
	if [ -z "$w" ]; then
		note "no-op run $i: no 'portpages: N written' summary line (checked mtimes only)"
	fi
done
report "no-op rebuild" "${noop_t[@]}"
NOOP=$MED
NOOP_RANGE="$MIN–$MAX"
if [ "$noop_bad" = 0 ]; then
	printf '  %-46s yes (summary and mtimes agree)\n' "   0 files written"
else
	printf '  %-46s NO\n' "   0 files written"
fi
echo

# ---------------------------------------------------------------- c. template edits
echo "c. rebuild after editing one template"
cp -a "$TEMPLATES" "$OUT/tpl"
shopt -s nullglob
# A variant applies to a subset of ports, which is the common kind of edit.
pick_sub() {
	local f
	for f in "$OUT"/tpl/sections/*.2.md "$OUT"/tpl/sections/*; do
		if [ -f "$f" ]; then
			printf '%s\n' "${f#"$OUT/tpl/"}"
			return
		fi
	done
}
# A layout is shared by every page of its kind, so editing it is the worst case.
pick_all() {
	local f
	for f in "$OUT"/tpl/layouts/base.* "$OUT"/tpl/layouts/page.* "$OUT"/tpl/layouts/port.* \
		"$OUT"/tpl/layouts/*; do
		if [ -f "$f" ]; then
			printf '%s\n' "${f#"$OUT/tpl/"}"
			return
		fi
	done
}
shopt -u nullglob
SUB_TPL=${SUB_TPL:-$(pick_sub)}
ALL_TPL=${ALL_TPL:-$(pick_all)}

# append_edit FILE TAG: a distinct line each time, harmless to the page.
append_edit() {
	case $1 in
	# Markdown is rendered in safe mode, which may drop an HTML comment: add a sentence.
	*.md) printf '\nBench edit %s.\n' "$2" >>"$1" ;;
	*) printf '\n<!-- bench edit %s -->\n' "$2" >>"$1" ;;
	esac
}

EDIT_ROWS=()
edit_case() { # LABEL TEMPLATE-PATH KEY
	local label=$1 rel=$2 key=$3 i w t range wmed ws=() ts=()
	[ -f "$OUT/tpl/$rel" ] || die "template $rel not found in $TEMPLATES"
	for i in $(seq 1 "$RUNS"); do
		append_edit "$OUT/tpl/$rel" "$key$i-$$"
		run_timed "$LOG/edit-$key.$i" "${EGEN[@]}" -o "$OUT/edit"
		w=$(written_of "$LOG/edit-$key.$i")
		ts+=("$T")
		ws+=("${w:-0}")
	done
	report "$label: $rel" "${ts[@]}"
	t=$MED
	range="$MIN–$MAX"
	wmed=$(stats "${ws[@]}" | awk '{ printf "%d", $1 }')
	if [ "$wmed" -gt 0 ]; then
		printf '  %-46s %d (%.1f µs per written file; %.1f µs above the no-op)\n' "   files written (median)" "$wmed" \
			"$(calc "$t * 1e6 / $wmed")" "$(calc "($t - $NOOP) * 1e6 / $wmed")"
	else
		printf '  %-46s 0: the edit changed no page, or there was no summary line\n' "   files written (median)"
	fi
	# shellcheck disable=SC2016  # the backquotes are Markdown
	EDIT_ROWS+=("$(printf '| %s (`%s`) | %s | %s | %s |' "$label" "$rel" "$t" "$range" "$wmed")")
}

if [ -z "$SUB_TPL" ] && [ -z "$ALL_TPL" ]; then
	note "no templates/sections/* or templates/layouts/* found: skipping the edit cases"
else
	# The baseline is built from the copy, so only the edits differ.
	run_timed "$LOG/edit-base" "${EGEN[@]}" -q -o "$OUT/edit"
	if [ -n "$SUB_TPL" ]; then
		edit_case "one-template edit" "$SUB_TPL" s
	else
		note "no section template found: skipping the subset edit"
	fi
	if [ -n "$ALL_TPL" ]; then
		edit_case "all-pages edit" "$ALL_TPL" a
	else
		note "no layout template found: skipping the all-pages edit"
	fi
	printf '  %-46s %.1f µs per file\n' "   full build, for comparison" "$(calc "$FULL * 1e6 / $files")"
fi
echo

# ---------------------------------------------------------------- g. Hugo
HUGO_LINE=""
if [ "$HUGO" = 0 ]; then
	note "Hugo comparison skipped (HUGO=0)"
	echo
elif ! command -v hugo >/dev/null 2>&1; then
	note "hugo not on PATH: Hugo comparison skipped (make bench-deps installs it)"
	echo
elif [ "$HUGO" != 1 ] && [ "$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)" -lt "$HUGO_MIN_MB" ]; then
	note "less than $HUGO_MIN_MB MB of memory available: Hugo comparison skipped (HUGO=1 forces it)"
	echo
else
	echo "g. Hugo on the same pages (--markdown export, minimal layouts)"
	run_timed "$LOG/markdown" "${GEN[@]}" -q --markdown -o "$OUT/md"
	MD_T=$T
	[ -d "$OUT/md/port" ] || die "--markdown wrote no $OUT/md/port"
	H=$OUT/hugo
	mkdir -p "$H/content" "$H/layouts/_default"
	mv "$OUT/md/port" "$H/content/port"
	mdfiles=$(find "$H/content/port" -name '*.md' | wc -l)
	cat >"$H/hugo.toml" <<-'EOF'
		baseURL = "/"
		title = "portpages bench"
		disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
	EOF
	cat >"$H/layouts/_default/baseof.html" <<-'EOF'
		<!DOCTYPE html>
		<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
		<body>{{ block "main" . }}{{ end }}</body></html>
	EOF
	cat >"$H/layouts/_default/single.html" <<-'EOF'
		{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
	EOF
	cat >"$H/layouts/_default/list.html" <<-'EOF'
		{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
	EOF
	cat >"$H/layouts/index.html" <<-'EOF'
		{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}
	EOF
	hver=$(hugo version | awk '{ print $2 }')
	run_timed "$LOG/hugo" env HUGO_CACHEDIR="$OUT/hugo-cache" hugo --quiet -s "$H" -d "$OUT/hugo-out"
	HUGO_T=$T
	HUGO_KB=$M
	hfiles=$(find "$OUT/hugo-out" -type f | wc -l)
	hugo_mb=$(awk "BEGIN { printf \"%.1f\", $HUGO_KB / 1024 }")
	printf '  %-46s %8.3f s\n' "portpages --markdown export ($mdfiles pages)" "$MD_T"
	printf '  %-46s %8.3f s   peak RSS %s MB, %d files\n' "hugo $hver --quiet" "$HUGO_T" "$hugo_mb" "$hfiles"
	printf '  %-46s %8.3f s   peak RSS %s MB, %d files\n' "portpages full build (median)" "$FULL" "$peak_mb" "$files"
	HUGO_LINE=$(printf 'Hugo %s on the same %d pages (minimal layouts): %.1f s, peak RSS %s MB. portpages/hugo: time %.3f (%.0fx faster), peak RSS %.3f' \
		"$hver" "$mdfiles" "$HUGO_T" "$hugo_mb" "$(calc "$FULL / $HUGO_T")" "$(calc "$HUGO_T / $FULL")" \
		"$(calc "$peak_kb / $HUGO_KB")")
	printf '  %s\n' "$HUGO_LINE"
	echo
fi

# ---------------------------------------------------------------- f. ratios and targets
r_floor=$(calc "$FULL / $FLOOR_T")
r_noop=$(calc "$NOOP / $FULL")
r_quarter=$(calc "$QUARTER / $FULL")
verdict "full / floor" "$r_floor" "$r_floor <= 1.3" "<= 1.3"
verdict "no-op / full" "$r_noop" "$r_noop <= 0.05" "<= 0.05"
verdict "quarter / full" "$r_quarter" "$r_quarter >= 0.20 && $r_quarter <= 0.30" "0.20 .. 0.30"
verdict "peak RSS (MB)" "$peak_mb" "$peak_mb <= 64" "<= 64"
verdict "no-op writes 0 files" "$([ "$noop_bad" = 0 ] && echo yes || echo no)" "$noop_bad == 0" "yes"

echo "targets"
for v in "${verdicts[@]}"; do
	IFS='|' read -r name value target result <<<"$v"
	printf '  %-24s %8s   target %-14s %s\n' "$name" "$value" "$target" "$result"
done
echo

# ---------------------------------------------------------------- README block
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "----- figures for the README -----"
printf 'Machine: %s CPUs, %s, %s, %s; %s. Page cache warm.\n' "$(nproc)" "$(uname -m)" "${cpu:-unknown CPU}" \
	"$(df -PT "$OUT" | awk 'NR == 2 { print $2 }')" "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'Site: %d files (%d port pages), %s MB. Medians of %d runs.\n' "$files" "$ports" "$(mb "$bytes")" "$RUNS"
echo
echo '| case | median s | min–max s | files written |'
echo '| --- | ---: | ---: | ---: |'
printf '| full build, empty dir (-j %s) | %s | %s | %d |\n' "$(nproc)" "$FULL" "$FULL_RANGE" "$files"
if [ -n "$J1" ]; then
	printf '| full build, empty dir (-j 1) | %s | %s | %d |\n' "$J1" "$J1_RANGE" "$files"
fi
printf '| no-op rebuild | %s | %s | %s |\n' "$NOOP" "$NOOP_RANGE" "$([ "$noop_bad" = 0 ] && echo 0 || echo '>0')"
for r in ${EDIT_ROWS[@]+"${EDIT_ROWS[@]}"}; do
	printf '%s\n' "$r"
done
printf '| quarter site (--range 0-16383) | %s | %s | %d |\n' "$QUARTER" "$QUARTER_RANGE" "$qfiles"
printf '| floor writer (same names and sizes) | %s | %s | %d |\n' "$FLOOR_T" "$FLOOR_RANGE" "$files"
echo
printf 'Peak RSS of the full build: %s MB.\n' "$peak_mb"
echo
echo '| ratio | value | target | result |'
echo '| --- | ---: | --- | --- |'
for v in "${verdicts[@]}"; do
	IFS='|' read -r name value target result <<<"$v"
	printf '| %s | %s | %s | %s |\n' "$name" "$value" "$target" "$result"
done
if [ -n "$HUGO_LINE" ]; then
	echo
	echo "$HUGO_LINE."
fi
echo "----- end -----"

note "measured in $SECONDS s"
if [ "$FAILS" -gt 0 ]; then
	note "$FAILS target(s) missed"
	if [ "$STRICT" = 1 ]; then
		exit 1
	fi
fi
exit 0
