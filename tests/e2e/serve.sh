#!/usr/bin/env bash
# tests/e2e/serve.sh - portpages serve and feedback: pages and their reload
# script, a reload after a template edit, POST /feedback and every refusal,
# a flood, kill -9 under load, the output directory's lock, the report in
# three formats. Servers listen on 127.0.0.1 port 0 and are stopped by pid.
. "$(dirname "$0")/../lib.sh"
SMALL=$ROOT/tests/fixtures/small.csv
PIDS=()
# shellcheck disable=SC2317  # the EXIT trap
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# logged_port NAME: sets PORT from the address NAME's log announces.
logged_port() {
	PORT=$(sed -n 's|.* at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/$1.log" 2>/dev/null | head -n 1)
	[ -n "$PORT" ]
}
gone() { ! kill -0 "$1" 2>/dev/null; }
# start NAME ARGS...: portpages serve on a free port; sets PORT and PID.
start() {
	local name=$1
	shift
	"$PP" serve --listen 127.0.0.1:0 "$@" >"$T/$name.log" 2>&1 &
	PID=$!
	PIDS+=("$PID")
	wait_until 5 logged_port "$name" && return 0
	not_ok "$name: the server did not start: $(head -c 300 "$T/$name.log")"
	return 1
}
# stop PID: SIGTERM, then wait (at most 5 s) for it to exit; its status.
stop() {
	kill -TERM "$1" 2>/dev/null
	wait_until 5 gone "$1"
	wait "$1"
}
# post URL BODY [CURL ARGS...]: prints the status code.
post() {
	local url=$1 body=$2
	shift 2
	curl -s -o "$T/resp" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		"$@" --data-binary "$body" "$url"
}
# expect NAME WANT GOT
expect() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $3, expected $2)"; fi; }
sql() { sqlite3 -batch "$1" "$2"; }

# ------------------------------------------------------------------ pages
cp -r "$ROOT/templates" "$T/tpl"
mkdir -p "$T/con" && cp -r "$ROOT/content/." "$T/con/"
sed -i 's|^base_url =.*|base_url = https://ports.example.org/|' "$T/con/site.conf"
grep -q '^base_url = https://ports.example.org/' "$T/con/site.conf" ||
	printf '[site]\nbase_url = https://ports.example.org/\n' >"$T/con/site.conf"
DB=$T/fb.sqlite
start main -t "$T/tpl" -c "$T/con" -r "$SMALL" -o "$T/site" --range 0-99 \
	--db "$DB" --rate-limit 0 || exit 0
MAIN=$PID
U=http://127.0.0.1:$PORT
wait_until 5 grep -q ' written, ' "$T/main.log"
check "serve: builds the output directory" test -f "$T/site/port/22.html"
curl -s -D "$T/h22" -o "$T/p22" "$U/port/22.html"
check "serve: port/22.html is HTML, 200" grep -qi '^content-type: text/html' "$T/h22"
check "serve: the served page carries the reload script and the endpoint" \
	grep -q "EventSource('/.portpages/events?id=[0-9]*&h=[0-9a-f]*')" "$T/p22"
check "serve: ... and sets data-feedback-url to /feedback" \
	grep -q "setAttribute('data-feedback-url','/feedback')" "$T/p22"
check "serve: the file in site/ has no script of serve's" \
	bash -c "! grep -q 'EventSource\|portpages serve' '$T/site/port/22.html'"
check "serve: served page = site/ file + the script" \
	bash -c "diff <(grep -v 'portpages serve' '$T/p22') '$T/site/port/22.html' >/dev/null"
curl -s -o "$T/home" "$U/"
check "serve: / is the home page with the script" grep -q 'EventSource' "$T/home"
curl -s -o "$T/js" "$U/assets/site.js"
check "serve: assets are served as they are" cmp -s "$T/js" "$ROOT/templates/assets/site.js"
expect "serve: an unknown path is 404" 404 "$(curl -s -o "$T/404" -w '%{http_code}' "$U/nope.html")"
check "serve: ... with the site's 404 page" grep -q 'Page not found' "$T/404"
expect "serve: the generator's own files are not served" 404 \
	"$(curl -s -o /dev/null -w '%{http_code}' "$U/.portpages-manifest")"
expect "serve: no way out of the output directory" 404 \
	"$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$U/../../etc/passwd")"
expect "serve: POST to a page is 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x "$U/port/22.html")"

# ----------------------------------------------------------------- reload
events() { # events NAME PAGE: an event stream for PAGE, lines timestamped into $T/NAME.sse
	local q
	q=$(curl -s "$U/$2" | grep -o 'id=[0-9-]*&h=[0-9a-f]*' | head -n 1)
	curl -sN "$U/.portpages/events?$q" 2>/dev/null | while IFS= read -r l; do
		echo "$(date +%s.%N) $l"
	done >"$T/$1.sse" &
	PIDS+=($!)
}
events port port/22.html
events home index.html
sleep 0.3
t0=$(date +%s.%N)
sed -i 's|Was this page helpful?</h2>|Did this page help you?</h2>|' "$T/tpl/layouts/port.html"
wait_until 3 grep -q 'event: reload' "$T/port.sse"
t1=$(awk '/event: reload/ { print $1; exit }' "$T/port.sse")
if [ -n "$t1" ]; then
	lat=$(echo "$t1 - $t0" | bc)
	echo "# reload event ${lat} s after the edit"
	check "serve: a template edit reloads the open page within 1 s (${lat} s)" \
		test "$(echo "$lat < 1.0" | bc)" = 1
else
	not_ok "serve: no reload event within 3 s of a template edit"
fi
curl -s -o "$T/p22b" "$U/port/22.html"
t2=$(date +%s.%N)
check "serve: the page has the new text at once ($(echo "$t2 - $t0" | bc) s after the edit)" \
	grep -q 'Did this page help you?' "$T/p22b"
sleep 0.3
check "serve: a page whose bytes did not change is not reloaded" \
	bash -c "! grep -q 'event: reload' '$T/home.sse'"

# --------------------------------------------------------------- feedback
F=$U/feedback
expect "feedback: yes is stored (204)" 204 "$(post "$F" '{"port":22,"answer":"yes"}')"
expect "feedback: no with a comment (204)" 204 "$(post "$F" '{"port": 22, "answer": "no", "comment": "says nothing about TCP wrappers"}')"
SQLC="'); DROP TABLE answers; --"
SCRIPT='<script>alert(1)</script>'
expect "feedback: an SQL-looking comment is taken" 204 \
	"$(post "$F" "{\"port\":443,\"answer\":\"no\",\"comment\":\"$SQLC\"}")"
expect "feedback: a script-looking comment is taken" 204 \
	"$(post "$F" "{\"port\":443,\"answer\":\"no\",\"comment\":\"$SCRIPT\"}")"
expect "feedback: 500 characters (1000 bytes of UTF-8) are taken" 204 \
	"$(post "$F" "{\"port\":0,\"answer\":\"no\",\"comment\":\"$(printf 'é%.0s' $(seq 500))\"}")"
expect "feedback: Origin of base_url (204)" 204 "$(post "$F" '{"port":80,"answer":"yes"}' -H 'Origin: https://ports.example.org')"
expect "feedback: Origin of the server itself (204)" 204 "$(post "$F" '{"port":80,"answer":"yes"}' -H "Origin: http://127.0.0.1:$PORT")"
expect "feedback: another Origin is 403" 403 "$(post "$F" '{"port":80,"answer":"yes"}' -H 'Origin: https://evil.example')"
expect "feedback: GET is 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' "$F")"
expect "feedback: PUT is 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -d '{}' "$F")"
expect "feedback: text/plain is 415" 415 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' -d '{"port":22,"answer":"yes"}' "$F")"
expect "feedback: application/json; charset=latin1 is 415" 415 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json; charset=latin1' -d '{"port":22,"answer":"yes"}' "$F")"
expect "feedback: a form is 415" 415 "$(curl -s -o /dev/null -w '%{http_code}' -d 'port=22&answer=yes' "$F")"
big=$(head -c 3000 /dev/zero | tr '\0' ' ')
expect "feedback: 3000 bytes is 413" 413 "$(post "$F" "{\"port\":22,\"answer\":\"yes\"$big}")"
expect "feedback: 3000 bytes without a length is 413" 413 \
	"$(post "$F" "{\"port\":22,\"answer\":\"yes\"$big}" -H 'Transfer-Encoding: chunked')"
n=0
while IFS= read -r body; do
	n=$((n + 1))
	code=$(post "$F" "$body")
	expect "feedback: 400 for $body" 400 "$code"
	if grep -q 'script\|DROP' "$T/resp"; then not_ok "feedback: the reply echoes the body: $(cat "$T/resp")"; fi
done <<'BODIES'
{"port":22,
not json
{"port":65536,"answer":"yes"}
{"port":-1,"answer":"yes"}
{"port":"22","answer":"yes"}
{"port":22.0,"answer":"yes"}
{"port":1e3,"answer":"yes"}
{"port":null,"answer":"yes"}
{"port":22,"answer":"maybe"}
{"port":22,"answer":true}
{"port":22,"answer":"YES"}
{"port":22}
{"answer":"yes"}
{"port":22,"answer":"yes","comment":5}
{"port":22,"answer":"yes","extra":1}
{"port":22,"port":23,"answer":"yes"}
[22,"yes"]
{"port":22,"answer":"yes"} {"port":23,"answer":"yes"}
{"port":"<script>alert(1)</script>","answer":"DROP TABLE answers"}
{"port":99999999999999999999999,"answer":"yes"}
{"port":22,"answer":"yes","comment":"\u0000"}
BODIES
expect "feedback: 501 characters is 400" 400 \
	"$(post "$F" "{\"port\":0,\"answer\":\"no\",\"comment\":\"$(printf 'a%.0s' $(seq 501))\"}")"
printf '{"port":22,"answer":"yes","comment":"\xff"}' >"$T/badutf8"
expect "feedback: invalid UTF-8 is 400" 400 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$T/badutf8" "$F")"
check "feedback: comments are stored literally" test \
	"$(sql "$DB" "SELECT count(*) FROM answers WHERE comment = '$(sed "s/'/''/g" <<<"$SQLC")' OR comment = '$SCRIPT'")" = 2
check "feedback: the answers table is still there, 7 rows" test "$(sql "$DB" 'SELECT count(*) FROM answers')" = 7
check "feedback: no page echoes a comment" \
	bash -c "! curl -s '$U/port/443.html' '$U/' | grep -q 'DROP TABLE\|alert(1)'"
check "feedback: no column could hold an address" \
	bash -c "! sqlite3 '$DB' .schema | grep -qi 'ip\|addr\|agent'"
stop "$MAIN"
expect "serve: SIGTERM stops it cleanly (status 0)" 0 "$?"
check "serve: says it stopped" grep -q 'stopped serving' "$T/main.log"
check "serve: the journal is WAL" test "$(sql "$DB" 'PRAGMA journal_mode')" = wal

# ------------------------------------------------------------- rate limit
start limit --feedback-only --db "$T/limit.sqlite" --rate-limit 5 --trust-proxy 127.0.0.1 || exit 0
L=http://127.0.0.1:$PORT/feedback
codes=""
for i in 1 2 3 4 5 6; do codes="$codes$(post "$L" '{"port":1,"answer":"yes"}' -H 'X-Forwarded-For: 198.51.100.7, 10.0.0.1') "; done
expect "limit: the sixth answer in a minute from one client is 429" "204 204 204 204 204 429 " "$codes"
expect "limit: another client (X-Forwarded-For from the trusted proxy) is not limited" 204 \
	"$(post "$L" '{"port":1,"answer":"yes"}' -H 'X-Forwarded-For: 198.51.100.7, 10.0.0.2')"
expect "feedback-only: pages are not served" 404 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/port/1.html")"
stop "$PID"
start limit2 --feedback-only --db "$T/limit2.sqlite" --rate-limit 2 --trust-proxy 192.0.2.1 || exit 0
L=http://127.0.0.1:$PORT/feedback
codes=""
for i in 1 2 3; do codes="$codes$(post "$L" '{"port":1,"answer":"yes"}' -H "X-Forwarded-For: 10.0.0.$i") "; done
expect "limit: X-Forwarded-For from anyone but the trusted proxy is ignored" "204 204 429 " "$codes"
stop "$PID"

# ------------------------------------------------------ flood and kill -9
cat >"$T/load.py" <<'PY'
# load.py URL THREADS REQUESTS ACKS: POSTs answers on keep-alive
# connections; writes the comment of every 2xx answer to ACKS; prints
# "sent acked"; stops on the first connection error (the server died).
import http.client, json, sys, threading
host, port = sys.argv[1].split(':')
threads, total, acks = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lock = threading.Lock()
sent = acked = 0
out = open(acks, 'w')
def run(t):
    global sent, acked
    c = http.client.HTTPConnection(host, int(port), timeout=10)
    for n in range(total // threads):
        tag = f'k{t}-{n}'
        body = json.dumps({'port': (t * 7919 + n) % 65536, 'answer': 'yes' if n % 3 else 'no', 'comment': tag})
        try:
            c.request('POST', '/feedback', body, {'Content-Type': 'application/json'})
            r = c.getresponse()
            r.read()
        except Exception:
            return
        with lock:
            sent += 1
            if 200 <= r.status < 300:
                acked += 1
                out.write(tag + '\n')
                out.flush()
ts = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sent, acked)
PY
start flood --feedback-only --db "$T/flood.sqlite" --rate-limit 0 || exit 0
t0=$(date +%s.%N)
read -r sent acked < <(timeout 60 python3 "$T/load.py" "127.0.0.1:$PORT" 50 10000 "$T/flood.acks")
secs=$(echo "$(date +%s.%N) - $t0" | bc)
echo "# flood: $sent sent, $acked acknowledged in $secs s"
stop "$PID"
expect "flood: 10,000 answers from 50 connections, every one acknowledged" "10000 10000" "$sent $acked"
expect "flood: integrity_check" ok "$(sql "$T/flood.sqlite" 'PRAGMA integrity_check')"
expect "flood: rows = acknowledged answers" "$acked" "$(sql "$T/flood.sqlite" 'SELECT count(*) FROM answers')"

start kill --feedback-only --db "$T/kill.sqlite" --rate-limit 0 || exit 0
python3 "$T/load.py" "127.0.0.1:$PORT" 20 1000000 "$T/kill.acks" >"$T/kill.out" &
LOAD=$!
PIDS+=("$LOAD")
# Kill once answers are being acknowledged (on a busy machine the load's
# threads can take more than a second to start), or after 10 s at most.
acked_500() { [ -f "$T/kill.acks" ] && [ "$(wc -l <"$T/kill.acks")" -ge 500 ]; }
wait_until 10 acked_500
kill -9 "$PID"
{ wait "$PID"; } 2>/dev/null
wait "$LOAD"
read -r sent acked <"$T/kill.out"
echo "# kill -9: $acked answers acknowledged before the kill"
expect "kill -9: integrity_check" ok "$(sql "$T/kill.sqlite" 'PRAGMA integrity_check')"
sql "$T/kill.sqlite" 'SELECT comment FROM answers' | sort >"$T/kill.stored"
sort "$T/kill.acks" >"$T/kill.acked"
lost=$(comm -23 "$T/kill.acked" "$T/kill.stored" | wc -l)
check "kill -9 under load: none of $acked acknowledged answers lost ($lost missing)" \
	test "$acked" -gt 100 -a "$lost" -eq 0

# ---------------------------------------------------------- the lock
"$PP" -r "$SMALL" -t "$ROOT/templates" -c "$ROOT/content" -o "$T/lk" --range 0-30000 -q 2>"$T/lk1.err" &
B1=$!
PIDS+=("$B1")
lock_held() { [ "$(cat "$1/.portpages-lock" 2>/dev/null)" = "$2" ]; }
wait_until 2 lock_held "$T/lk" "$B1"
"$PP" -r "$SMALL" -t "$ROOT/templates" -c "$ROOT/content" -o "$T/lk" --range 0-30000 2>"$T/lk2.err" >/dev/null
rc2=$?
wait "$B1"
rc1=$?
expect "lock: two builds into one new directory both succeed" "0 0" "$rc1 $rc2"
check "lock: the second waited, naming the first's pid" grep -q "waiting for the build of process $B1 " "$T/lk2.err"
check "lock: the site is whole" test "$(find "$T/lk/port" -name '*.html' | wc -l)" = 30001
"$PP" -r "$SMALL" -t "$ROOT/templates" -c "$ROOT/content" -o "$T/lk3" --range 0-30000 -q &
B1=$!
PIDS+=("$B1")
wait_until 2 lock_held "$T/lk3" "$B1"
"$PP" -r "$SMALL" -t "$ROOT/templates" -c "$ROOT/content" -o "$T/lk3" --range 0-30000 --no-wait 2>"$T/lk4.err" >/dev/null
rc2=$?
wait "$B1"
expect "lock: --no-wait refuses at once (status 1)" 1 "$rc2"
check "lock: ... naming the holder's pid" grep -q "another build (process $B1) is writing here" "$T/lk4.err"

# ---------------------------------------------------------- the report
printf '%s' '{"port":7,"answer":"no","comment":"tab\there \u202eevil\u202c \u001b[31mred =1+1"}' >"$T/ctl"
start rep --feedback-only --db "$DB" --rate-limit 0 || exit 0
expect "report: a comment with control and bidi characters is taken" 204 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$T/ctl" "http://127.0.0.1:$PORT/feedback")"
post "http://127.0.0.1:$PORT/feedback" '{"port":7,"answer":"no","comment":"=HYPERLINK(\"http://x\")"}' >/dev/null
stop "$PID"
"$PP" feedback --db "$DB" >"$T/rep.txt"
expect "report: text, least helpful first" "7 443 0 22 80" \
	"$(awk 'NR > 1 && /^[0-9]/ { printf "%s%s", sep, $1; sep = " " }' "$T/rep.txt")"
check "report: text has a total line" grep -qE '^total +3 +6 +33.3%' "$T/rep.txt"
check "report: text has no control or bidi characters" \
	bash -c "! LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae' '$T/rep.txt'"
check "report: text shows the comments" grep -q 'says nothing about TCP wrappers' "$T/rep.txt"
"$PP" feedback --db "$DB" --json >"$T/rep.json"
check "report: JSON holds the comments exactly" python3 - "$T/rep.json" "$SQLC" "$SCRIPT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
by = {p['port']: p for p in r['ports']}
assert [p['port'] for p in r['ports']] == [7, 443, 0, 22, 80], r
assert set(by[443]['comments']) == {sys.argv[2], sys.argv[3]}, by[443]
assert by[7]['comments'][1] == 'tab\there \u202eevil\u202c \u001b[31mred =1+1', by[7]
assert r['total'] == {'yes': 3, 'no': 6, 'helpful': 1 / 3}, r['total']
assert by[22] == {'port': 22, 'yes': 1, 'no': 1, 'helpful': 0.5, 'comments': ['says nothing about TCP wrappers']}
PY
"$PP" feedback --db "$DB" --csv >"$T/rep.csv"
check "report: CSV (RFC 4180) reads back" python3 - "$T/rep.csv" "$SQLC" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert rows[0][:4] == ['port', 'yes', 'no', 'helpful_percent'], rows[0]
by = {r[0]: r for r in rows[1:]}
assert sys.argv[2] in by['443'][4:], by['443']
assert by['7'][4] == "'=HYPERLINK(\"http://x\")", by['7']
assert by['total'][:4] == ['total', '3', '6', '33.3'], by['total']
assert open(sys.argv[1], 'rb').read().count(b'\r\n') == len(rows)
PY
expect "report: a missing database is an error (status 1)" 1 "$("$PP" feedback --db "$T/none.sqlite" >/dev/null 2>&1; echo $?)"
expect "report: --json with --csv is a usage error" 2 "$("$PP" feedback --json --csv >/dev/null 2>&1; echo $?)"
expect "serve: --listen with a build is a usage error" 2 "$("$PP" --listen 127.0.0.1:1 >/dev/null 2>&1; echo $?)"
expect "serve: --listen with a port over 65535 is a usage error" 2 "$("$PP" serve --listen 127.0.0.1:65536 >/dev/null 2>&1; echo $?)"
