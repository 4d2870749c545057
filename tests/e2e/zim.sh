#!/usr/bin/env bash
# tests/e2e/zim.sh - the ZIM archive: size, zimcheck, kiwix-serve and Chromium (make zim-test)
#
# Slow (make zim takes about 2 minutes, zimcheck 1, the rest 15 s), so it
# runs only when ZIM_TEST names the file, as make zim-test does; make
# test skips it, saying how to run it.
. "$(dirname "$0")/../lib.sh"
if [ -z "${ZIM_TEST:-}" ]; then
	skip "zim: portpages.zim through zimcheck, kiwix-serve and Chromium (slow; run 'make zim-test')"
	exit 0
fi
ZIM=$ZIM_TEST
if [ ! -f "$ZIM" ]; then
	not_ok "zim: $ZIM does not exist (make zim)"
	exit 0
fi
size=$(stat -c %s "$ZIM")
check "zim: $(basename "$ZIM") is at most 80 MB ($size bytes)" test "$size" -le 80000000
if zimcheck "$ZIM" >"$T/zimcheck" 2>&1; then
	ok "zim: zimcheck passes (structure, metadata, favicon, main page, internal links)"
else
	not_ok "zim: zimcheck: $(grep -v '^\[INFO\]' "$T/zimcheck" | head -n 5)"
fi

# kiwix-serve on a free port of 127.0.0.1, stopped by its pid.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
kiwix-serve -i 127.0.0.1 -p "$port" "$ZIM" >"$T/kiwix.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
wait_until 10 curl -fs -o "$T/catalog" "http://127.0.0.1:$port/catalog/v2/entries"
book=$(sed -n 's|.*<link type="text/html" href="/\([^"]*\)" />.*|\1|p' "$T/catalog" | head -n 1)
curl -fsL -o "$T/welcome" "http://127.0.0.1:$port/$book/"
title=$(sed -n 's|.*<h1>\(.*\)</h1>.*|\1|p' "$T/welcome" | head -n 1)
check "zim: the welcome page is the home page (<h1>$title</h1>)" \
	bash -c "[ -n '$book' ] && [ -n '$title' ] && grep -q 'property=\"og:site_name\"' '$T/welcome'"
check "zim: kiwix-serve lists the book ($book) with the site's title and an ISO 639-3 language" \
	bash -c "grep -qF '<title>$title</title>' '$T/catalog' && grep -qE '<language>[a-z]{3}</language>' '$T/catalog'"
if [ -d "$ROOT/tests/browser/node_modules/playwright-core" ] && [ -x /usr/bin/chromium ]; then
	node "$ROOT/tests/browser/zim.mjs" "http://127.0.0.1:$port/$book/" 2>&1 | while IFS= read -r l; do
		case $l in
		"ok - "*) ok "${l#ok - }" ;;
		"not ok - "*) not_ok "${l#not ok - }" ;;
		*) echo "  $l" ;;
		esac
	done
else
	skip "zim: Chromium (tests/browser/node_modules or /usr/bin/chromium is missing: make deps)"
fi
exit 0
