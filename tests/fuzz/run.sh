#!/usr/bin/env bash
# tests/fuzz/run.sh - runs the libFuzzer harnesses, then replays the regressions
#
# usage: tests/fuzz/run.sh [--seconds N] [--replay] [NAME...]
#   NAME          csv, services, conf, note, layout (default: all five)
#   --seconds N   how long each harness runs (default: $FUZZ_SECONDS or 60)
#   --replay      only replay tests/fuzz/regress/NAME/* (and the seeds), once
#
# The harnesses are built by `make fuzz-build` (tests/build/fuzz/fuzz_NAME).
# Each one's corpus lives in tests/build/fuzz/corpus/NAME, started from
# tests/fuzz/seeds/NAME plus the project's own files (fixtures, site.conf,
# notes, the head of the shared IANA snapshot and of the system's services
# files); it grows from run to run. Crashes go to
# tests/build/fuzz/artifacts/NAME/; copy each one (once fixed) into
# tests/fuzz/regress/NAME/ so that every later run replays it.
#
# Runs up to $FUZZ_JOBS harnesses at once (default: the number of CPUs).
# Prints one line per harness with libFuzzer's final figures, writes them
# to tests/build/fuzz/stats/NAME, and exits non-zero if any harness
# crashed, leaked, timed out or ran out of memory.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
B=$ROOT/tests/build/fuzz
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
REPLAY=0
NAMES=()
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) SECONDS_EACH=$2; shift 2 ;;
	--replay) REPLAY=1; shift ;;
	csv | services | conf | note | layout) NAMES+=("$1"); shift ;;
	*) echo "usage: $0 [--seconds N] [--replay] [csv|services|conf|note|layout...]" >&2; exit 2 ;;
	esac
done
[ ${#NAMES[@]} -gt 0 ] || NAMES=(csv services conf note layout)
SHARED=$ROOT/../shared/data/service-names-port-numbers.csv

for n in "${NAMES[@]}"; do
	if [ ! -x "$B/fuzz_$n" ]; then
		echo "fuzz: $B/fuzz_$n is missing: run make fuzz-build" >&2
		exit 2
	fi
done

# seed NAME: (re)fills the corpus with the seeds; files already there stay.
seed() {
	local n=$1 c=$B/corpus/$1 f
	mkdir -p "$c" "$B/artifacts/$n" "$B/stats" "tests/fuzz/regress/$n"
	cp -p tests/fuzz/seeds/"$n"/* "$c"/ 2>/dev/null
	case $n in
	csv)
		cp tests/fixtures/*.csv "$c"/ 2>/dev/null
		# Never the whole shared file: its first rows are enough.
		[ -f "$SHARED" ] && head -n 120 "$SHARED" >"$c/iana-head.csv"
		;;
	services)
		for f in /etc/services /usr/share/wireshark/services; do
			[ -f "$f" ] && head -n 150 "$f" >"$c/$(echo "$f" | tr / _)"
		done
		;;
	conf)
		[ -f content/site.conf ] && cp content/site.conf "$c/site.conf"
		;;
	note)
		for f in 0 22 80 443 3389 6379; do
			[ -f "content/ports/$f.md" ] && cp "content/ports/$f.md" "$c/port-$f.md"
		done
		;;
	esac
}

maxlen() {
	case $1 in
	csv | services | note) echo 8192 ;;
	*) echo 4096 ;;
	esac
}

# fuzz NAME: one timed run; the figures go to stats/NAME.
fuzz() {
	local n=$1 log=$B/stats/$1.log rc execs cov ft corp art
	rm -f "$B/artifacts/$n"/*
	"$B/fuzz_$n" "$B/corpus/$n" tests/fuzz/regress/"$n" \
		-dict=tests/fuzz/dict/"$n".dict -max_len="$(maxlen "$n")" \
		-max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix="$B/artifacts/$n/" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	art=$(ls "$B/artifacts/$n" 2>/dev/null | head -1)
	printf '%s execs=%s cov=%s ft=%s corpus=%s seconds=%s rc=%s%s\n' \
		"$n" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
		"$SECONDS_EACH" "$rc" "${art:+ artifact=$B/artifacts/$n/$art}" \
		>"$B/stats/$n"
	[ "$rc" -eq 0 ] && [ -z "$art" ]
}

# replay NAME: every regression input and seed, once each.
replay() {
	local n=$1 files
	files=$(find tests/fuzz/regress/"$n" tests/fuzz/seeds/"$n" -type f \
		! -name '.*' ! -name '*.txt' 2>/dev/null | sort)
	[ -n "$files" ] || return 0
	# shellcheck disable=SC2086
	"$B/fuzz_$n" -close_fd_mask=3 -timeout=10 -rss_limit_mb=2048 \
		$files >"$B/stats/$n.replay.log" 2>&1
}

status=0
if [ "$REPLAY" -eq 1 ]; then
	for n in "${NAMES[@]}"; do
		mkdir -p "$B/stats"
		if replay "$n"; then
			echo "replay $n: ok ($(find tests/fuzz/regress/"$n" -type f ! -name '.*' ! -name '*.txt' | wc -l) regression inputs)"
		else
			echo "replay $n: FAILED (see $B/stats/$n.replay.log)"
			tail -n 30 "$B/stats/$n.replay.log"
			status=1
		fi
	done
	exit $status
fi

pids=()
names=()
for n in "${NAMES[@]}"; do
	seed "$n"
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		sleep 0.2
	done
	fuzz "$n" &
	pids+=($!)
	names+=("$n")
done
for i in "${!pids[@]}"; do
	if ! wait "${pids[$i]}"; then
		status=1
		echo "fuzz ${names[$i]}: FAILED (log: $B/stats/${names[$i]}.log)"
		grep -m1 -A25 'ERROR\|==ERROR\|runtime error\|deadly signal' \
			"$B/stats/${names[$i]}.log"
	fi
	cat "$B/stats/${names[$i]}"
done
for n in "${NAMES[@]}"; do
	if ! replay "$n"; then
		echo "replay $n: FAILED (see $B/stats/$n.replay.log)"
		status=1
	fi
done
exit $status
