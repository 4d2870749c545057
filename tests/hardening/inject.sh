#!/usr/bin/env bash
# tests/hardening/inject.sh - hostile data in every input the generator reads
#
# Each payload of tests/hardening/payloads.sh (script tags, event handlers,
# javascript: links, closing tags, ctemplate markers, Markdown tricks, HTML
# entities, NUL, invalid UTF-8, bidi overrides, U+2028, a 1 MB field, ...)
# goes, one at a time, into every field of a CSV registry, every part of a
# services file, the body and the front matter of a note, and every
# site.conf value. For each build:
#   - it exits 0, or 1 with exactly one line "portpages: ..." (no signal);
#   - payloads that must be refused are refused, the others reach the pages
#     (a canary next to them shows up);
#   - no file of the output holds a <script>, <iframe>, <svg>, ... tag of
#     its own, an on*= handler in a tag, a javascript: link, a ctemplate
#     marker other than the payload's own text, a bidi control, a NUL or
#     invalid UTF-8.
# Then one site with every payload at once is built with and without the
# cache (same bytes) and opened in Chromium (tests/browser's Playwright):
# no dialog may open and no script error may happen.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1
PAY=$ROOT/tests/hardening/payloads.sh
export LC_ALL=C

# problems DIR [MAXPORT]: prints what is wrong with the output in DIR, if
# anything; with MAXPORT, port pages above it are left out (in a whole
# build they differ from the pages below only by their port).
problems() {
	local d=$1 max=${2:-65535} l f
	[ -d "$d" ] || return 0
	# The list is this call's own: builds are checked several at a time.
	l=$(mktemp "$T/files.XXXXXX")
	# Images are the templates' own bytes, copied as they are: not text.
	find "$d" -type f ! -name '.portpages-*' ! -path "$d/port/*" ! -name '*.png' ! -name '*.ico' >"$l"
	find "$d/port" -type f 2>/dev/null | awk -F/ -v m="$max" '{ n = $NF; sub(/\..*/, "", n); if (n + 0 <= m) print }' >>"$l"
	# Tags that no input may create; site.js is the only script.
	grep '\.html$' "$l" | xargs -d '\n' grep -hoaiE '<(script|iframe|object|embed|svg|math|style|base|frame|frameset|meta[^>]*http-equiv|link[^>]*import)[^a-z0-9>][^>]*>|<(script|iframe|object|embed|svg|math|style|base)>' |
		grep -vE '^<script src="(\.\./)?assets/site\.js" defer>$' | sort -u | head -3 | sed 's/^/tag: /'
	# An on*= attribute: outside the tag's quoted values (where escaped
	# text may well read "onerror=").
	grep '\.html$' "$l" | xargs -d '\n' grep -hoaiE '<[a-z][^<>]*>' | sed -E 's/"[^"]*"/""/g' |
		grep -aiE '[[:space:]/"'"'"']on[a-z]+[[:space:]]*=' | sort -u | head -3 | sed 's/^/handler: /'
	xargs -d '\n' grep -hoaiE '(href|src|action|formaction|xlink:href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(javascript|vbscript):' <"$l" |
		head -3 | sed 's/^/link: /'
	# Markers: only the payloads' own text (HTML- or JS-escaped).
	xargs -d '\n' grep -hoa '{{[^}]*}}' <"$l" |
		grep -vxE '\{\{(PORT|#X|/X|(>|&gt;|\\u003e)head|!c|SITE_TITLE:none)\}\}' |
		sort -u | head -3 | sed 's/^/marker: /'
	xargs -d '\n' grep -laE $'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' <"$l" | head -3 | sed 's/^/bidi control in: /'
	xargs -d '\n' grep -laP '\x00' <"$l" | head -3 | sed 's/^/NUL in: /'
	if ! xargs -d '\n' cat <"$l" | iconv -f utf-8 -t utf-8 >/dev/null 2>&1; then
		while read -r f; do
			iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 || echo "invalid UTF-8 in: $f"
		done <"$l" | head -3
	fi
	find "$d" -name '.portpages-tmp-*' | head -3 | sed 's/^/temporary file left: /'
	rm -f "$l"
}

# expect LOCATION PAYLOAD: ok (must build), err (must be refused) or any.
expect() {
	case $1:$2 in
	csv:*) echo ok ;;
	services:*) echo ok ;;
	note-body:nul | note-body:badutf8 | note-body:big) echo err ;;
	note-body:*) echo ok ;;
	note-front:nul | note-front:badutf8 | note-front:big | note-front:rlo) echo err ;;
	note-front:*) echo ok ;;
	conf-text:nul | conf-text:badutf8 | conf-text:big | conf-text:rlo | conf-text:multibyte) echo err ;;
	conf-text:*) echo ok ;;
	conf-lang:*) echo err ;;
	conf-url:*) echo err ;;
	*) echo any ;;
	esac
}

# canary LOCATION PAYLOAD: the file and text that show the payload arrived
# ("" if it is dropped by design: rows and lines that are too long or
# hold a NUL are skipped with a warning).
canary() {
	case $1:$2 in
	csv:big | services:big | services:nul) ;;
	csv:*) echo "port/1000.html CANARY-$2-desc" ;;
	services:*) echo "port/1000.html CANARY-$2-comment" ;;
	note-body:*) echo "port/22.html CANARY-$2-body" ;;
	note-front:*) echo "port/22.html CANARY-title" ;;
	conf-text:*) echo "port/22.html CANARY-footer" ;;
	esac
}

# run LOCATION PAYLOAD: one build with the payload in that place.
run() {
	local loc=$1 n=$2 w=$T/$1-$2 reg=$REG range=22-22 rc want lines c file text
	local -a extra=()
	mkdir -p "$w/content/ports"
	case $loc in
	csv) "$PAY" csv "$n" >"$w/reg.csv"; reg=$w/reg.csv; range=1000-1001 ;;
	services) "$PAY" services "$n" >"$w/reg.services"; reg=$w/reg.services; range=1000-1001 ;;
	note-body) "$PAY" note "$n" >"$w/content/ports/22.md" ;;
	note-front) "$PAY" note-front "$n" >"$w/content/ports/22.md" ;;
	conf-text) "$PAY" conf-title "$n" >"$w/content/site.conf" ;;
	conf-lang) "$PAY" conf-lang "$n" >"$w/content/site.conf" ;;
	conf-url) "$PAY" conf-url "$n" >"$w/content/site.conf" ;;
	conf-url2) "$PAY" conf-url2 "$n" >"$w/content/site.conf" ;;
	esac
	"$PP" -q -j 2 -t templates -c "$w/content" -r "$reg" -o "$w/site" \
		--range "$range" "${extra[@]}" >/dev/null 2>"$w/err"
	rc=$?
	want=$(expect "$loc" "$n")
	lines=$(wc -l <"$w/err")
	if [ "$rc" -ge 128 ]; then
		not_ok "inject $loc/$n: killed by signal $((rc - 128))"
		return
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		not_ok "inject $loc/$n: exit status $rc"
		return
	elif [ "$rc" -eq 1 ] && { [ "$lines" -ne 1 ] || ! grep -q '^portpages: ' "$w/err"; }; then
		not_ok "inject $loc/$n: failed without a one-line error:"
		head -c 600 "$w/err"
		return
	elif [ "$rc" -eq 0 ] && [ -s "$w/err" ]; then
		not_ok "inject $loc/$n: output on stderr with -q:"
		head -c 600 "$w/err"
		return
	elif [ "$want" = ok ] && [ "$rc" -ne 0 ]; then
		not_ok "inject $loc/$n: refused, but it should build: $(head -c 300 "$w/err")"
		return
	elif [ "$want" = err ] && [ "$rc" -eq 0 ]; then
		not_ok "inject $loc/$n: built, but it should be refused"
		return
	fi
	c=$(problems "$w/site")
	if [ -n "$c" ]; then
		not_ok "inject $loc/$n: unsafe output:"
		echo "$c" | head -c 1500
		return
	fi
	if [ "$rc" -eq 0 ] && [ -n "$(canary "$loc" "$n")" ]; then
		read -r file text <<<"$(canary "$loc" "$n")"
		if ! grep -qaF -- "$text" "$w/site/$file"; then
			not_ok "inject $loc/$n: the payload never reached $file (no $text)"
			return
		fi
		# A ctemplate marker in data stays text: never expanded.
		case $loc:$n in
		csv:marker | services:marker | note-*:marker | conf-text:marker)
			if ! grep -rqaF '{{PORT}}' "$w/site"; then
				not_ok "inject $loc/$n: {{PORT}} was expanded"
				return
			fi
			;;
		esac
	fi
	if [ "$rc" -eq 0 ]; then
		ok "inject $loc/$n: built, payload inert"
	else
		ok "inject $loc/$n: refused: $(cut -c1-120 "$w/err" | sed "s|$T/||")"
	fi
	rm -rf "$w"
}

# A hundred small builds, each mostly start-up on one thread: one per core
# at a time (each in its own directory; results are single lines).
cores=$(getconf _NPROCESSORS_ONLN)
for loc in csv services note-body note-front conf-text conf-lang conf-url conf-url2; do
	for n in $("$PAY" list); do
		while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do wait -n; done
		run "$loc" "$n" &
	done
done
wait

# Every payload at once: registries, notes and site.conf, in a whole build
# (a --range build writes only port pages: the indexes, the services
# pages and the search data need a whole one).
H=$T/all
mkdir -p "$H/content/ports"
"$PAY" csv >"$H/reg.csv"
# Cells a spreadsheet would run as formulas, for api/ports.csv.
printf '%s\n' '"=HYPERLINK(""https://evil.example/"",""x"")",1099,tcp,"+cmd|'"'"' /C calc'"'"'!A0",,,,,,,,' \
	'@SUM(1+1),1099,udp,-2+3,,,,,,,,' >>"$H/reg.csv"
"$PAY" note >"$H/content/ports/22.md"
"$PAY" note >"$H/content/ports/1000.md"
"$PAY" note-front script >"$H/content/ports/1002.md"
"$PAY" note-front attr >"$H/content/ports/1004.md"
"$PAY" conf-title script img textarea attr marker >"$H/content/site.conf"
if "$PP" -q -j 2 -t templates -c "$H/content" -r "$H/reg.csv" -o "$H/site" \
	2>"$H/err" && [ ! -s "$H/err" ]; then
	ok "inject all payloads at once: whole site built"
else
	not_ok "inject all payloads at once: $(head -c 300 "$H/err")"
fi
c=$(problems "$H/site" 1100)
if [ -z "$c" ]; then ok "inject all payloads at once: output inert (every file but port pages over 1100)"; else not_ok "inject all payloads at once: $c"; fi
for f in index.html block/768.html services/s.html assets/search-index.js; do
	grep -qaF 'CANARY' "$H/site/$f" 2>/dev/null || not_ok "inject all payloads at once: no payload reached $f"
done
# api/: the payloads exactly as written in ports.json, and ports.csv says
# the same, quoted by RFC 4180, a formula's first character escaped.
if python3 - "$H/site/api/ports.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
def texts(p):
    port = doc["ports"][p]
    return port["names"] + [a.get("description", "") for a in port["assignments"]]
sys.exit(not (any("<script>alert(1)</script>" in t for t in texts(1000)) and
              '=HYPERLINK("https://evil.example/","x")' in texts(1099) and
              "+cmd|' /C calc'!A0" in texts(1099)))
PY
then
	ok "inject all payloads at once: api/ports.json holds them as written"
else
	not_ok "inject all payloads at once: api/ports.json lost or changed the payloads"
fi
# The formula row's cell keeps its apostrophe, and no cell starts a formula.
formula_free() {
	grep -q "^1099,.*\"'=HYPERLINK" "$1" && python3 -c 'import csv, sys
sys.exit(any(c and c[0] in "=+-@" for r in csv.reader(open(sys.argv[1], newline="")) for c in r))' "$1"
}
check "inject all payloads at once: api/ports.csv starts no cell with = + - @" \
	formula_free "$H/site/api/ports.csv"
python3 tests/e2e/api.py --csv "$H/site" | sed 's/^\(\(not \)*ok - \)api: /\1inject all payloads at once: api: /' >"$H/api.log"
grep '^ok' "$H/api.log" | while IFS= read -r l; do ok "${l#ok - }"; done
grep '^not ok' "$H/api.log" | while IFS= read -r l; do not_ok "${l#not ok - }"; done
# The straightforward path must write the same bytes.
"$PP" -q -j 2 -t templates -c "$H/content" -r "$H/reg.csv" -o "$H/cached" \
	--range 0-1100 2>"$H/err2"
"$PP" -q -j 2 --no-cache -t templates -c "$H/content" -r "$H/reg.csv" -o "$H/nocache" \
	--range 0-1100 2>>"$H/err2"
if diff -rq -x '.portpages-*' "$H/cached" "$H/nocache" >"$H/diff" 2>&1; then
	ok "inject all payloads: --no-cache writes the same bytes"
else
	not_ok "inject all payloads: --no-cache differs: $(head -n 3 "$H/diff")"
fi
"$PP" -q -j 2 -m -t templates -c "$H/content" -r "$H/reg.csv" -o "$H/md" \
	--range 20-25 2>"$H/err3"
if [ -f "$H/md/port/22.md" ] && ! grep -qaE $'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$H/md/port/22.md" &&
	iconv -f utf-8 -t utf-8 "$H/md/port/22.md" >/dev/null 2>&1; then
	ok "inject all payloads: --markdown output has no bidi controls or bad UTF-8"
else
	not_ok "inject all payloads: --markdown output: $(head -c 300 "$H/err3")"
fi

# The same site in Chromium.
if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	skip "inject browser: no dialog, no script error (tests/browser/node_modules or /usr/bin/chromium is absent)"
elif [ ! -f "$H/site/port/1000.html" ]; then
	not_ok "inject browser: the hostile site was not built"
else
	pages=(index.html search.html 404.html port/22.html block/0.html block/768.html services/0-9.html
		services/n.html services/r.html services/s.html)
	for p in $(seq 1000 1035); do pages+=("port/$p.html"); done
	if timeout 240 node "$ROOT/tests/hardening/browser.mjs" "$H/site" "${pages[@]}" >"$T/browser.log" 2>&1; then
		ok "inject browser: ${#pages[@]} hostile pages and searches, no dialog, no script error"
	else
		not_ok "inject browser: $(grep -v '^ok' "$T/browser.log" | head -n 10)"
	fi
fi
exit 0
