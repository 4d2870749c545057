#!/usr/bin/env bash
# bench/run.sh: time portpages' full, no-op, incremental and partial builds against a
# plain-I/O floor on a tmpfs and on disk (and Hugo when installed), and check the targets.
#
# Environment:
#   BIN        generator to measure, built with -O2 (default ./portpages)
#   RUNS       runs per case and medium (default 5); medians are reported
#   J1_RUNS    runs of the -j 1 full build per medium (default 1; 0 skips it)
#   JOBS       threads of the generator and of the floor writer alike (default:
#              the online CPUs, portpages' own default; at most 64)
#   WORK       scratch directory on disk (default: mktemp -d under /var/tmp, removed
#              at the end). A WORK you name is kept; the run's trees go into
#              WORK/run.XXXXXX, which is removed at the end
#   TMPFS      directory on a tmpfs for the tmpfs medium (default /dev/shm; the trees
#              go into TMPFS/portpages-bench.XXXXXX). TMPFS=none, or a TMPFS that is
#              not a tmpfs or lacks room, measures the disk only
#   KEEP=1     keep the scratch trees
#   TEMPLATES  templates directory to build from and to copy for the edit cases
#              (default templates)
#   EXTRA_ARGS more generator arguments, split on blanks (e.g. "-c content"; set
#              JOBS rather than -j, so that the floor writer gets the same)
#   SUB_TPL    template (path inside TEMPLATES) edited for the subset-edit case
#   ALL_TPL    template (path inside TEMPLATES) edited for the all-pages-edit case
#   HUGO=0     skip the Hugo comparison (minutes, and about 10 GB of memory); it is
#              also skipped when less than HUGO_MIN_MB (12288) MB is available, unless HUGO=1
#   SYNC=0     do not call sync(1) before each timed run
#   PRIME=0    do not write and delete a file of the site's size on the tmpfs just
#              before each timed run (see prime below)
#   STRICT=1   exit 1 when a target is missed (default: report only)
#   ZIM=0      skip the ZIM archive (packaging/mkzim.sh, about 2 minutes); it is
#              also skipped when zimwriterfs (zim-tools) is not installed
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

BIN=${BIN:-./portpages}
RUNS=${RUNS:-5}
J1_RUNS=${J1_RUNS:-1}
JOBS=${JOBS:-$(getconf _NPROCESSORS_ONLN)}
TEMPLATES=${TEMPLATES:-templates}
EXTRA_ARGS=${EXTRA_ARGS:-}
TMPFS=${TMPFS:-/dev/shm}
HUGO=${HUGO:-auto}
HUGO_MIN_MB=${HUGO_MIN_MB:-12288}
SYNC=${SYNC:-1}
PRIME=${PRIME:-1}
STRICT=${STRICT:-0}
ZIM=${ZIM:-auto}
KEEP=${KEEP:-0}

die() {
	echo "bench: $*" >&2
	exit 1
}
note() { echo "bench: $*"; }

case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer (got '$RUNS')" ;; esac
case $J1_RUNS in '' | *[!0-9]*) die "J1_RUNS must be a non-negative integer (got '$J1_RUNS')" ;; esac
case $JOBS in '' | *[!0-9]* | 0) die "JOBS must be a positive integer (got '$JOBS')" ;; esac
if [ "$JOBS" -gt 64 ]; then
	JOBS=64 # portpages' limit, and the floor writer's
fi

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

fstype() { df -PT "$1" | awk 'NR == 2 { print $2 }'; }
free_kb() { df -Pk "$1" | awk 'NR == 2 { print $4 }'; }
mem_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

if [ -n "${WORK:-}" ]; then
	WORK=$(abspath "$WORK")
	mkdir -p "$WORK"
	own_work=0
else
	WORK=$(mktemp -d /var/tmp/portpages-bench.XXXXXX)
	own_work=1
fi
# Every tree on disk gets a fresh directory and nothing there is deleted until
# the end. Deleting ~65,000 files slows down creating files for the next
# half-minute on ext4 without a journal (as on this project's machines): the
# inode allocator steps over recently freed inodes one by one. An rm -rf
# between runs would be measured as part of the next run.
OUT=$(mktemp -d "$WORK/run.XXXXXX")

# The media: the disk (the trees in OUT/disk) and, when there is one, a tmpfs.
# A tmpfs has no allocator to slow down after a delete, so its trees are
# removed as soon as they are measured: it holds at most three at a time.
declare -A DIR=([disk]=$OUT/disk)
MEDIA=(disk)
TOUT=""
TMPFS_WHY=""
if [ "$TMPFS" = none ]; then
	TMPFS_WHY="TMPFS=none"
elif [ ! -d "$TMPFS" ] || [ ! -w "$TMPFS" ]; then
	TMPFS_WHY="$TMPFS is not a writable directory"
elif [ "$(fstype "$TMPFS")" != tmpfs ]; then
	TMPFS_WHY="$TMPFS is on $(fstype "$TMPFS"), not on a tmpfs"
else
	TOUT=$(mktemp -d "$TMPFS/portpages-bench.XXXXXX")
	DIR[tmpfs]=$TOUT
	MEDIA=(tmpfs disk)
fi
mkdir -p "${DIR[disk]}"
if [ "$(fstype "$OUT")" = tmpfs ]; then
	note "warning: $WORK is on a tmpfs, so the figures labelled disk are not (set WORK)"
fi

# drop_tmpfs REASON: measure the disk only from here on.
drop_tmpfs() {
	note "tmpfs medium dropped: $1"
	TMPFS_WHY=$1
	rm -rf "$TOUT"
	TOUT=""
	unset 'DIR[tmpfs]'
	MEDIA=(disk)
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
	if [ "$KEEP" = 1 ]; then
		note "kept the scratch trees in $OUT${TOUT:+ and $TOUT (memory, on a tmpfs)}"
		return
	fi
	note "removing the scratch trees (on ext4 without a journal, wait a minute before the next run)"
	if [ -n "$TOUT" ]; then
		rm -rf "$TOUT"
	fi
	rm -rf "$OUT"
	if [ "$own_work" = 1 ]; then
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

cd "$root"

# ---------------------------------------------------------------- setup
CC=${CC:-cc}
"$CC" -std=c11 -O2 -Wall -Wextra -pedantic -Wstrict-prototypes -Werror -pthread \
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
GEN=("$BIN" -t "$TEMPLATES" -j "$JOBS" "${REG_ARGS[@]}" "${EXTRA[@]}")
# The edit cases build from a copy of the templates, so edits never touch the tree.
EGEN=("$BIN" -t "$OUT/tpl" -j "$JOBS" "${REG_ARGS[@]}" "${EXTRA[@]}")

note "generator: $BIN"
note "command:   ${GEN[*]}"
note "threads:   $JOBS for the generator and the floor writer alike"
note "disk:      $OUT/disk ($(fstype "$OUT"), $(df -h "$OUT" | awk 'NR==2 {print $1 ", " $4 " free"}'))"
if [ -n "$TOUT" ]; then
	note "tmpfs:     $TOUT ($(df -h "$TOUT" | awk 'NR==2 {print $4 " free"}'), $((($(mem_kb)) / 1024)) MB of memory available)"
else
	note "tmpfs:     none ($TMPFS_WHY): the disk only"
fi
# The bytes prime writes (see prime below); the site's size once it is known.
PRIME_BYTES=0
if [ "$PRIME" = 1 ] && [ -n "$TOUT" ] && [ "$(free_kb "$TOUT")" -gt $((4 << 20)) ]; then
	PRIME_BYTES=$((1 << 30))	# until the site's own size is known
fi
note "runs:      $RUNS per case and medium (page cache warm; nothing is dropped)"
if [ "$PRIME_BYTES" -gt 0 ]; then
	note "priming:   a file of the site's size written and deleted on the tmpfs before each run of a, d, e and -j 1"
else
	note "priming:   off (PRIME=0, or no tmpfs with 4 GB free)"
fi
echo

# prime: writes and deletes a file of the site's size on the tmpfs, untimed,
# just before each timed run of cases a, d, e and -j 1 (the ratios).
# On a virtual machine whose balloon driver reports free memory to the host
# (free page reporting, as on the project's machine), memory that stays free
# for a couple of seconds is handed back, and touching it again costs a fault
# in the host for every page: the floor writer took 0.83 to 0.95 s on the
# tmpfs that way, against 0.52 to 0.61 s right after 1.1 GB had been written
# and freed, and whichever case ran first after the other medium's runs paid
# up to 2 s more. Primed just before it, every such run gets memory that is
# backed, and the ratios compare the programs, not the host. The short cases
# (no-op, edits) are not primed: the kernel's work after freeing a gigabyte
# overlaps the next run, and a no-op took 0.10 s after priming, 0.03 s without.
prime() {
	if [ "$PRIME_BYTES" -gt 0 ] && [ -n "$TOUT" ]; then
		head -c "$PRIME_BYTES" /dev/zero >"$TOUT/prime" && rm -f "$TOUT/prime"
	fi
}

# run_timed LOGFILE CMD...: runs CMD under rss, sets T (wall seconds) and M (peak RSS kB).
run_timed() {
	local log=$1
	shift
	if [ "$SYNC" = 1 ]; then
		# Write-back of the previous run's dirty pages would otherwise land in this one.
		sync
	fi
	if ! "$RSS" "$log.rss" "$@" >"$log" 2>&1; then
		echo "bench: command failed: $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	read -r M _ T <"$log.rss"
}

# discard MEDIUM DIR: removes a measured tree at once on the tmpfs (see above).
discard() {
	if [ "$1" = tmpfs ] && [ "$KEEP" != 1 ]; then
		rm -rf "$2"
	fi
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
mb_si() { awk "BEGIN { printf \"%.1f\", $1 / 1e6 }"; }
tree_list() { (cd "$1" && find . -type f -printf '%P %s\n' | LC_ALL=C sort); }

FAILS=0
verdicts=()
# verdict MEDIUM NAME VALUE OK-EXPRESSION TARGET-TEXT: records "medium|name|value|target|result".
verdict() {
	local r=PASS
	if ! awk "BEGIN { exit !($4) }"; then
		r=FAIL
		FAILS=$((FAILS + 1))
	fi
	verdicts+=("$1|$2|$3|$5|$r")
}

# check_room: after the first full build, checks that the disk can hold every
# tree of the run (they are all kept until the end) and that the tmpfs can hold
# three (or all of them with KEEP=1), in its size and in available memory.
check_room() {
	local site_kb need have
	site_kb=$(awk '{ s += $NF + 4096 } END { printf "%d", s / 1024 }' "$OUT/list.txt")
	if [ "$PRIME_BYTES" -gt 0 ]; then
		PRIME_BYTES=$(awk '{ s += $NF } END { printf "%d", s }' "$OUT/list.txt")
	fi
	need=$(awk -v s="$site_kb" -v r="$RUNS" -v j="$J1_RUNS" 'BEGIN { printf "%d", s * (2.3 * r + j + 3) }')
	have=$(free_kb "$OUT")
	if [ "$have" -lt "$need" ]; then
		die "about $((need / 1024)) MB of scratch space needed, $((have / 1024)) MB free in $OUT (lower RUNS)"
	fi
	if [ -z "$TOUT" ]; then
		return
	fi
	if [ "$KEEP" != 1 ]; then
		need=$((site_kb * 3))
	fi
	have=$(free_kb "$TOUT")
	if [ "$(mem_kb)" -lt "$have" ]; then
		have=$(mem_kb)
	fi
	if [ "$have" -lt "$need" ]; then
		drop_tmpfs "about $((need / 1024)) MB needed in $TMPFS, $((have / 1024)) MB free or available"
	fi
}

# ---------------------------------------------------------------- a, d, e, -j 1
# The builds into an empty directory and the floor writer take turns within each
# round, on each medium, so that a slow spell of the machine (its disk and CPUs
# are shared) hits all of them alike and leaves their ratios alone. The disk
# goes first in each round: its first full build gives the list of files.
declare -A full_t floor_t q_t j1_t peak_kb
for m in "${MEDIA[@]}"; do
	full_t[$m]="" floor_t[$m]="" q_t[$m]="" j1_t[$m]="" peak_kb[$m]=0
done

# full_on MEDIUM I: one full build; the first gives the list of files.
full_on() {
	local m=$1 i=$2 d=${DIR[$1]}
	prime
	run_timed "$LOG/$m.full.$i" "${GEN[@]}" -q -o "$d/full.$i"
	full_t[$m]+=" $T"
	if [ "$M" -gt "${peak_kb[$m]}" ]; then peak_kb[$m]=$M; fi
	if [ "$i" = 1 ]; then
		if [ ! -s "$OUT/list.txt" ]; then
			tree_list "$d/full.1" >"$OUT/list.txt"
			[ -s "$OUT/list.txt" ] || die "the full build wrote no files"
			check_room
		else
			tree_list "$d/full.1" | cmp -s "$OUT/list.txt" - ||
				die "the full build on $m differs from the one on disk"
		fi
	fi
	if [ "$i" != "$RUNS" ]; then discard "$m" "$d/full.$i"; fi
}

# floor_on MEDIUM I: one run of the floor writer.
floor_on() {
	local m=$1 i=$2 d=${DIR[$1]}
	prime
	run_timed "$LOG/$m.floor.$i" "$FLOOR" -j "$JOBS" "$OUT/list.txt" "$d/floor.$i"
	floor_t[$m]+=" $T"
	if [ "$i" = 1 ]; then
		tree_list "$d/floor.1" | cmp -s "$OUT/list.txt" - ||
			die "the floor writer's tree differs from the site's"
	fi
	discard "$m" "$d/floor.$i"
}

# round_on MEDIUM I: one round's builds on one medium; appends to ROUND_MSG.
# The case that runs first after the other medium's writes can pay for them
# (the floor on the tmpfs: 0.46-0.58 s first, 0.38-0.47 s second), so the
# full build and the floor take turns to go first; the first round's full
# build goes first, for the list of files.
round_on() {
	local m=$1 i=$2 d=${DIR[$1]} j1_msg=""
	if [ $((i % 2)) = 1 ]; then
		full_on "$m" "$i"
		floor_on "$m" "$i"
	else
		floor_on "$m" "$i"
		full_on "$m" "$i"
	fi

	prime
	run_timed "$LOG/$m.quarter.$i" "${GEN[@]}" -q --range 0-16383 -o "$d/quarter.$i"
	q_t[$m]+=" $T"
	qfiles=$(find "$d/quarter.$i" -type f | wc -l)
	discard "$m" "$d/quarter.$i"

	if [ "$i" -le "$J1_RUNS" ]; then
		prime
		run_timed "$LOG/$m.j1.$i" "${GEN[@]}" -q -j 1 -o "$d/j1.$i"
		j1_t[$m]+=" $T"
		j1_msg=", -j 1 $T s"
		discard "$m" "$d/j1.$i"
	fi
	ROUND_MSG+=$(printf '; %s: full %s s, floor %s s, quarter %s s%s' "$m" "${full_t[$m]##* }" \
		"${floor_t[$m]##* }" "${q_t[$m]##* }" "$j1_msg")
}

echo "a. full build, d. floor writer, e. quarter site, -j 1 full build: $RUNS interleaved rounds on ${MEDIA[*]}"
for i in $(seq 1 "$RUNS"); do
	ROUND_MSG=""
	for m in disk tmpfs; do
		if [ -n "${DIR[$m]:-}" ]; then round_on "$m" "$i"; fi
	done
	printf '  round %d/%d%s\n' "$i" "$RUNS" "$ROUND_MSG"
done
tree_list "${DIR[disk]}/full.$RUNS" >"$OUT/list.txt"
files=$(wc -l <"$OUT/list.txt")
bytes=$(awk '{ s += $NF } END { printf "%d", s }' "$OUT/list.txt")
ports=$(grep -c '^port/[0-9]*\.html ' "$OUT/list.txt" || true)
printf '  %-46s %d files (%d port pages), %s MB (%s MiB)\n' "output" "$files" "$ports" \
	"$(mb_si "$bytes")" "$(mb "$bytes")"

declare -A FULL FULL_RANGE FLOOR_T FLOOR_RANGE QUARTER QUARTER_RANGE J1 J1_RANGE peak_mb
for m in "${MEDIA[@]}"; do
	peak_mb[$m]=$(awk "BEGIN { printf \"%.1f\", ${peak_kb[$m]} / 1024 }")
	# shellcheck disable=SC2086  # the lists are blank-separated numbers
	{
		report "$m: a. full build (-j $JOBS)" ${full_t[$m]}
		FULL[$m]=$MED FULL_RANGE[$m]="$MIN–$MAX"
		printf '  %-46s %s MB\n' "$m:    peak RSS (max over runs)" "${peak_mb[$m]}"
		report "$m: d. floor writer (-j $JOBS, same files)" ${floor_t[$m]}
		FLOOR_T[$m]=$MED FLOOR_RANGE[$m]="$MIN–$MAX"
		report "$m: e. quarter site ($qfiles files)" ${q_t[$m]}
		QUARTER[$m]=$MED QUARTER_RANGE[$m]="$MIN–$MAX"
		J1[$m]=""
		if [ "$J1_RUNS" -gt 0 ]; then
			report "$m: full build with -j 1" ${j1_t[$m]}
			J1[$m]=$MED J1_RANGE[$m]="$MIN–$MAX"
			printf '  %-46s %.2fx\n' "$m:    speed-up of -j $JOBS over -j 1" "$(calc "$MED / ${FULL[$m]}")"
		fi
	}
done
echo

# ---------------------------------------------------------------- b. no-op rebuild
echo "b. no-op rebuild (the last full build's directory, nothing changed)"
declare -A NOOP NOOP_RANGE noop_bad
for m in "${MEDIA[@]}"; do
	SITE=${DIR[$m]}/full.$RUNS
	noop_t=()
	noop_bad[$m]=0
	for i in $(seq 1 "$RUNS"); do
		touch "$OUT/stamp"
		# Timestamps are coarse (one kernel tick): keep a file written right
		# after the stamp from sharing its mtime and escaping -newer.
		sleep 0.05
		run_timed "$LOG/$m.noop.$i" "${GEN[@]}" -o "$SITE"
		noop_t+=("$T")
		w=$(written_of "$LOG/$m.noop.$i")
		touched=$(find "$SITE" -type f -newer "$OUT/stamp" | wc -l)
		if [ "${w:-0}" != 0 ] || [ "$touched" != 0 ]; then
			noop_bad[$m]=1
			note "$m no-op run $i: summary says '${w:-no summary line}' written, $touched files have a newer mtime"
		fi
		if [ -z "$w" ]; then
			note "$m no-op run $i: no 'portpages: N written' summary line (checked mtimes only)"
		fi
	done
	report "$m: no-op rebuild" "${noop_t[@]}"
	NOOP[$m]=$MED
	NOOP_RANGE[$m]="$MIN–$MAX"
	if [ "${noop_bad[$m]}" = 0 ]; then
		printf '  %-46s yes (summary and mtimes agree)\n' "$m:    0 files written"
	else
		printf '  %-46s NO\n' "$m:    0 files written"
	fi
	discard "$m" "$SITE"
done
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
edit_case() { # MEDIUM LABEL TEMPLATE-PATH KEY
	local m=$1 label=$2 rel=$3 key=$4 i w t range wmed ws=() ts=()
	[ -f "$OUT/tpl/$rel" ] || die "template $rel not found in $TEMPLATES"
	for i in $(seq 1 "$RUNS"); do
		append_edit "$OUT/tpl/$rel" "$m$key$i-$$"
		run_timed "$LOG/$m.edit-$key.$i" "${EGEN[@]}" -o "${DIR[$m]}/edit"
		w=$(written_of "$LOG/$m.edit-$key.$i")
		ts+=("$T")
		ws+=("${w:-0}")
	done
	report "$m: $label: $rel" "${ts[@]}"
	t=$MED
	range="$MIN–$MAX"
	wmed=$(stats "${ws[@]}" | awk '{ printf "%d", $1 }')
	if [ "$wmed" -gt 0 ]; then
		printf '  %-46s %d (%.1f µs per written file; %.1f µs above the no-op)\n' "$m:    files written (median)" "$wmed" \
			"$(calc "$t * 1e6 / $wmed")" "$(calc "($t - ${NOOP[$m]}) * 1e6 / $wmed")"
	else
		printf '  %-46s 0: the edit changed no page, or there was no summary line\n' "$m:    files written (median)"
	fi
	# shellcheck disable=SC2016  # the backquotes are Markdown
	EDIT_ROWS+=("$(printf '| %s | %s (`%s`) | %s | %s | %s |' "$m" "$label" "$rel" "$t" "$range" "$wmed")")
}

if [ -z "$SUB_TPL" ] && [ -z "$ALL_TPL" ]; then
	note "no templates/sections/* or templates/layouts/* found: skipping the edit cases"
else
	for m in "${MEDIA[@]}"; do
		# The baseline is built from the copy, so only the edits differ.
		run_timed "$LOG/$m.edit-base" "${EGEN[@]}" -q -o "${DIR[$m]}/edit"
		if [ -n "$SUB_TPL" ]; then
			edit_case "$m" "one-template edit" "$SUB_TPL" s
		else
			note "no section template found: skipping the subset edit"
		fi
		if [ -n "$ALL_TPL" ]; then
			edit_case "$m" "all-pages edit" "$ALL_TPL" a
		else
			note "no layout template found: skipping the all-pages edit"
		fi
		printf '  %-46s %.1f µs per file\n' "$m:    full build, for comparison" "$(calc "${FULL[$m]} * 1e6 / $files")"
		discard "$m" "${DIR[$m]}/edit"
	done
fi
echo

# ---------------------------------------------------------------- g. Hugo
# On disk only, and with the tmpfs emptied first: Hugo needs the memory.
HUGO_LINE=""
if [ "$HUGO" = 0 ]; then
	note "Hugo comparison skipped (HUGO=0)"
	echo
elif ! command -v hugo >/dev/null 2>&1; then
	note "hugo not on PATH: Hugo comparison skipped (make bench-deps installs it)"
	echo
elif [ "$HUGO" != 1 ] && [ "$(($(mem_kb) / 1024))" -lt "$HUGO_MIN_MB" ]; then
	note "less than $HUGO_MIN_MB MB of memory available: Hugo comparison skipped (HUGO=1 forces it)"
	echo
else
	echo "g. Hugo on the same pages (--markdown export, minimal layouts), on disk"
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
	printf '  %-46s %8.3f s   peak RSS %s MB, %d files\n' "portpages full build on disk (median)" "${FULL[disk]}" \
		"${peak_mb[disk]}" "$files"
	HUGO_LINE=$(printf 'Hugo %s on the same %d pages (minimal layouts), on disk: %.1f s, peak RSS %s MB. portpages/hugo: time %.3f (%.0fx faster), peak RSS %.3f' \
		"$hver" "$mdfiles" "$HUGO_T" "$hugo_mb" "$(calc "${FULL[disk]} / $HUGO_T")" "$(calc "$HUGO_T / ${FULL[disk]}")" \
		"$(calc "${peak_kb[disk]} / $HUGO_KB")")
	printf '  %s\n' "$HUGO_LINE"
	echo
fi

# ---------------------------------------------------------------- h. ZIM archive
# make zim: a whole build on disk packed by zimwriterfs; the target is 80 MB.
ZIM_LINE=""
if [ "$ZIM" = 0 ]; then
	note "ZIM archive skipped (ZIM=0)"
	echo
elif ! command -v zimwriterfs >/dev/null 2>&1; then
	note "zimwriterfs not on PATH: ZIM archive skipped (make deps installs zim-tools)"
	echo
else
	echo "h. ZIM archive (packaging/mkzim.sh), on disk"
	run_timed "$LOG/zim-site" "${GEN[@]}" -q -o "$OUT/zim-site"
	run_timed "$LOG/zim" "$root/packaging/mkzim.sh" "$OUT/zim-site" "$OUT/portpages.zim"
	ZIM_T=$T
	zim_bytes=$(stat -c %s "$OUT/portpages.zim")
	printf '  %-46s %8.3f s   %s MB\n' "mkzim.sh (zimwriterfs, zstd level ${ZIM_ZSTD_LEVEL-9})" "$ZIM_T" \
		"$(awk "BEGIN { printf \"%.1f\", $zim_bytes / 1e6 }")"
	verdict disk "ZIM size (MB)" "$(awk "BEGIN { printf \"%.1f\", $zim_bytes / 1e6 }")" "$zim_bytes <= 80000000" "<= 80"
	ZIM_LINE=$(printf 'ZIM archive (make zim): %.1f MB, written in %.1f s' "$(calc "$zim_bytes / 1e6")" "$ZIM_T")
	echo
fi

# ---------------------------------------------------------------- f. ratios and targets
for m in "${MEDIA[@]}"; do
	r_floor=$(calc "${FULL[$m]} / ${FLOOR_T[$m]}")
	r_noop=$(calc "${NOOP[$m]} / ${FULL[$m]}")
	r_quarter=$(calc "${QUARTER[$m]} / ${FULL[$m]}")
	verdict "$m" "full / floor" "$r_floor" "$r_floor <= 1.3" "<= 1.3"
	verdict "$m" "no-op / full" "$r_noop" "$r_noop <= 0.05" "<= 0.05"
	verdict "$m" "quarter / full" "$r_quarter" "$r_quarter >= 0.20 && $r_quarter <= 0.30" "0.20 .. 0.30"
	verdict "$m" "peak RSS (MB)" "${peak_mb[$m]}" "${peak_mb[$m]} <= 64" "<= 64"
	verdict "$m" "no-op writes 0 files" "$([ "${noop_bad[$m]}" = 0 ] && echo yes || echo no)" \
		"${noop_bad[$m]} == 0" "yes"
done

echo "targets"
for v in "${verdicts[@]}"; do
	IFS='|' read -r medium name value target result <<<"$v"
	printf '  %-6s %-24s %8s   target %-14s %s\n' "$medium" "$name" "$value" "$target" "$result"
done
echo

# ---------------------------------------------------------------- README block
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "----- figures for the README -----"
printf 'Machine: %s CPUs, %s, %s; %s. Page cache warm.\n' "$(getconf _NPROCESSORS_ONLN)" "$(uname -m)" \
	"${cpu:-unknown CPU}" "$(date -u '+%Y-%m-%d %H:%M UTC')"
if [ -n "$TOUT" ]; then
	printf 'Media: tmpfs (%s) and disk (%s, %s).\n' "$TMPFS" "$(fstype "$OUT")" "$WORK"
else
	printf 'Medium: disk (%s, %s) only; no tmpfs (%s).\n' "$(fstype "$OUT")" "$WORK" "$TMPFS_WHY"
fi
printf 'Site: %d files (%d port pages), %s MB (%s MiB). Medians of %d runs; %d threads for the generator and the floor writer.\n' \
	"$files" "$ports" "$(mb_si "$bytes")" "$(mb "$bytes")" "$RUNS" "$JOBS"
echo
echo '| medium | case | median s | min–max s | files written |'
echo '| --- | --- | ---: | ---: | ---: |'
for m in "${MEDIA[@]}"; do
	printf '| %s | full build, empty dir (-j %s) | %s | %s | %d |\n' "$m" "$JOBS" "${FULL[$m]}" "${FULL_RANGE[$m]}" "$files"
	if [ -n "${J1[$m]}" ]; then
		printf '| %s | full build, empty dir (-j 1) | %s | %s | %d |\n' "$m" "${J1[$m]}" "${J1_RANGE[$m]}" "$files"
	fi
	printf '| %s | floor writer (-j %s, same names and sizes) | %s | %s | %d |\n' "$m" "$JOBS" "${FLOOR_T[$m]}" \
		"${FLOOR_RANGE[$m]}" "$files"
	printf '| %s | no-op rebuild | %s | %s | %s |\n' "$m" "${NOOP[$m]}" "${NOOP_RANGE[$m]}" \
		"$([ "${noop_bad[$m]}" = 0 ] && echo 0 || echo '>0')"
	for r in ${EDIT_ROWS[@]+"${EDIT_ROWS[@]}"}; do
		case $r in "| $m |"*) printf '%s\n' "$r" ;; esac
	done
	printf '| %s | quarter site (--range 0-16383) | %s | %s | %d |\n' "$m" "${QUARTER[$m]}" "${QUARTER_RANGE[$m]}" "$qfiles"
done
echo
for m in "${MEDIA[@]}"; do
	printf 'Peak RSS of the full build on %s: %s MB.\n' "$m" "${peak_mb[$m]}"
done
echo
echo '| medium | ratio | value | target | result |'
echo '| --- | --- | ---: | --- | --- |'
for v in "${verdicts[@]}"; do
	IFS='|' read -r medium name value target result <<<"$v"
	printf '| %s | %s | %s | %s | %s |\n' "$medium" "$name" "$value" "$target" "$result"
done
if [ -n "$HUGO_LINE" ]; then
	echo
	echo "$HUGO_LINE."
fi
if [ -n "$ZIM_LINE" ]; then
	echo
	echo "$ZIM_LINE."
fi
echo "----- end -----"

# ---------------------------------------------------------------- g2. answers
# POST /feedback: acknowledged answers a second, none lost (bench/feedback.sh).
if command -v wrk >/dev/null; then
	echo
	BIN=$BIN WORK=$OUT bash "$here/feedback.sh" || FAILS=$((FAILS + 1))
else
	note "answers benchmark skipped: wrk is not installed (make bench-deps)"
fi

note "measured in $SECONDS s"
if [ "$FAILS" -gt 0 ]; then
	note "$FAILS target(s) missed"
	if [ "$STRICT" = 1 ]; then
		exit 1
	fi
fi
exit 0
