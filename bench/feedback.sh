#!/usr/bin/env bash
# bench/feedback.sh: acknowledged "Was this page helpful?" answers a second
# through portpages serve --feedback-only (POST /feedback, SQLite in WAL with
# synchronous=FULL on disk), driven by wrk; then checks that none was lost.
#
# Environment:
#   BIN       the generator (default ./portpages)
#   DURATION  seconds of load (default 10)
#   CONNS     connections (default 50);  THREADS  wrk threads (default 2)
#   WORK      directory for the database, on the disk to measure (default:
#             mktemp -d under /var/tmp, removed at the end)
#   TARGET    answers a second to reach (default 5000); STRICT=1 exits 1 below it
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${BIN:-./portpages}
DURATION=${DURATION:-10}
CONNS=${CONNS:-50}
THREADS=${THREADS:-2}
TARGET=${TARGET:-5000}
STRICT=${STRICT:-0}
die() {
	echo "bench/feedback: $*" >&2
	exit 1
}
command -v wrk >/dev/null || die "wrk is not installed (make deps, or apt-get install wrk)"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed (make deps)"
[ -x "$BIN" ] || die "$BIN not found (make first, or set BIN=)"
WORK=${WORK:-}
own=0
if [ -z "$WORK" ]; then
	WORK=$(mktemp -d /var/tmp/portpages-feedback.XXXXXX)
	own=1
fi
DB=$WORK/bench-feedback.sqlite
rm -f "$DB" "$DB-wal" "$DB-shm"
pid=
# shellcheck disable=SC2317  # the EXIT trap
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
	if [ "$own" = 1 ]; then rm -rf "$WORK"; else rm -f "$DB" "$DB-wal" "$DB-shm"; fi
	rm -f "$WORK/server.log"
}
trap cleanup EXIT

"$BIN" serve --feedback-only --rate-limit 0 --listen 127.0.0.1:0 --db "$DB" >"$WORK/server.log" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's|.* at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/server.log" 2>/dev/null | head -n 1)
	[ -n "$port" ] && break
	sleep 0.05
done
[ -n "$port" ] || die "the server did not start: $(cat "$WORK/server.log")"

out=$(wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --latency -s "$here/feedback.lua" \
	"http://127.0.0.1:$port/feedback")
echo "$out"
kill -TERM "$pid"
wait "$pid" || true
pid=
read -r acked refused secs < <(awk '/^acked / { print $2, $4, $8 }' <<<"$out")
rows=$(sqlite3 "$DB" 'SELECT count(*) FROM answers')
check=$(sqlite3 "$DB" 'PRAGMA integrity_check')
rate=$(echo "$acked / $secs" | bc)
lost=$((acked > rows ? acked - rows : 0))
fs=$(df -PT "$WORK" | awk 'NR == 2 { print $2 }')
echo
printf 'answers: %d acknowledged in %s s = %d a second (%d connections, %d wrk threads, %s CPUs, database on %s)\n' \
	"$acked" "$secs" "$rate" "$CONNS" "$THREADS" "$(getconf _NPROCESSORS_ONLN)" "$fs"
printf 'answers: %d refused; %d rows stored; %d acknowledged answers lost; integrity_check %s\n' \
	"$refused" "$rows" "$lost" "$check"
ok=1
[ "$lost" -eq 0 ] && [ "$check" = ok ] || ok=0
if [ "$rate" -lt "$TARGET" ]; then
	echo "answers: below the target of $TARGET a second"
	[ "$STRICT" = 1 ] && ok=0
fi
[ "$ok" = 1 ]
