#!/usr/bin/env bash
# tests/e2e/generator.sh - the whole site: 65,536 port pages, their facts, preview, bad input
. "$(dirname "$0")/../lib.sh"

S=$(shared_site)
check "full build succeeds" test -n "$S"

ports_exact() {
	diff <(seq 0 65535 | sed 's/$/.html/' | sort) <(ls "$S/port" | sort) >/dev/null
}
check "exactly 65536 port pages, named 0..65535" ports_exact
# README's hosting table says the site fits GitHub Pages' 1 GB; content grows
# toward it (a uses.csv row for a wide range prints on every page of it).
if [ -n "$CSV" ] && [ -n "$S" ]; then
	bytes=$(find "$S" -type f ! -name '.portpages-*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
	check "the site built from IANA's snapshot fits GitHub Pages' 1 GB ($((bytes / 1000000)) MB)" \
		test "$bytes" -lt 1000000000
else
	skip "the site fits GitHub Pages' 1 GB (IANA's snapshot is absent from ../shared/data)"
fi

page() { cat "$S/port/$1.html"; }
has() { page "$1" | grep -qF -- "$2"; }
# facts PORT RANGE LINUX: range id on the page, Linux ephemeral sentence, commands.
facts() {
	local p=$1 range=$2 linux=$3
	has "$p" "<article class=\"port\" data-range=\"$range\">" &&
		has "$p" "<h1>Port $p" &&
		has "$p" "<title>Port $p" &&
		has "$p" "On Linux, port $p is $linux the default ephemeral range" &&
		has "$p" "sudo ss -tulpn 'sport = :$p'" &&
		has "$p" "sudo lsof -nP -iTCP:$p -sTCP:LISTEN" &&
		has "$p" "netstat -ano | findstr /c:&quot;:$p &quot;" &&
		has "$p" "Get-NetTCPConnection -LocalPort $p" &&
		has "$p" "Get-NetUDPEndpoint -LocalPort $p"
}
for spec in 0:system:outside 22:system:outside 1023:system:outside \
    1024:user:outside 40000:user:inside 49151:user:inside \
    49152:dynamic:inside 60864:dynamic:inside 61000:dynamic:outside \
    65535:dynamic:outside; do
	IFS=: read -r p r l <<<"$spec"
	check "port $p: $r range, Linux ephemeral $l, commands filled in" facts "$p" "$r" "$l"
done
check "port 0 is explained as reserved / ask the OS for a port" \
	has 0 "the system picks a free ephemeral port for it instead"
# The range section has three wordings; any of them states the edge.
hasre() { page "$1" | grep -qE -- "$2"; }
check "1023 is the last well-known port" \
	hasre 1023 "last port of its range|where the range ends|highest port in the range"
check "1024 is the first registered port" \
	hasre 1024 "first port of its range|where the range begins|lowest port in the range"
check "49152 is the first dynamic port" \
	hasre 49152 "first port of its range|where the range begins|lowest port in the range"
check "65535 is the highest port" \
	hasre 65535 "highest port number there is|no port 65536|highest possible port number"
check "40000 notes Windows does not use it" \
	has 40000 "Windows (Vista and later): default ephemeral range 49152–65535: does not include port 40000</li>"
# How to see and change a range is given where the range holds the port.
check "49152 tells how Windows' range is set and shown" \
	has 49152 "Windows (Vista and later): default ephemeral range 49152–65535: includes port 49152 (set by netsh int ipv4 set dynamicport tcp start=N num=N; see it with netsh int ipv4 show dynamicport tcp)</li>"
check "3000 tells how the Windows XP range is set and shown" \
	has 3000 "Windows XP and Server 2003: default ephemeral range 1025–5000: includes port 3000 (set by the MaxUserPort registry value, absent by default; see it with reg query"
check "61000 is a source port on Windows and macOS, not Linux" \
	has 61000 "By default, Windows (Vista and later), macOS and FreeBSD may use port 61000"

# One pass over every page: for each property, the pages that break it.
python3 - "$S" >"$T/scan" <<'PY'
import os, re, sys
root = sys.argv[1]
tests = {
    "no-end": lambda t, rel: b"</html>" not in t,
    "no-doctype": lambda t, rel: not re.search(rb"<!doctype html>", t, re.I),
    "no-charset": lambda t, rel: b'<meta charset="utf-8">' not in t,
    "root-link": lambda t, rel: re.search(rb'(href|src)="/', t) is not None,
    "foreign-asset": lambda t, rel: re.search(rb'<script[^>]* src="https?://|<link[^>]* href="https?://[^"]*\.css"', t) is not None,
    "inline-style": lambda t, rel: rel.startswith("port/") and b"<style" in t,
    "no-helpful": lambda t, rel: rel.startswith("port/") and b"Was this page helpful" not in t,
}
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        path = os.path.join(d, f)
        rel = os.path.relpath(path, root)
        t = open(path, "rb").read()
        for name, bad in tests.items():
            if bad(t, rel):
                print(name, rel)
PY
broken() { ! grep -q "^$1 " "$T/scan"; }
every_page_complete() { broken no-end && broken no-doctype && broken no-charset; }
check "every page is a complete UTF-8 HTML5 document" every_page_complete
titles() {
	local p
	for p in $(seq 0 97 65535) 65535; do
		grep -q "<title>Port $p[:| ]" "$S/port/$p.html" || return 1
	done
}
check "titles name their port (every 97th port)" titles
# Links to other sites are fine (sources); assets from them are not.
relative_only() { broken root-link && broken foreign-asset; }
check "links and assets are relative" relative_only
check "one shared stylesheet, no inline styles" \
	bash -c "[ -s '$S/assets/style.css' ] && ! grep -q '^inline-style ' '$T/scan' && grep -q 'assets/style.css' '$S/port/80.html'"
all_ports_indexed() {
	diff <(seq 0 65535) <(grep -ho 'href="../port/[0-9]*\.html"' "$S"/block/*.html |
		grep -o '[0-9]*' | sort -n | uniq) >/dev/null &&
		grep -q 'href="range/system.html"' "$S/index.html" &&
		grep -q 'href="../block/256.html"' "$S/range/system.html"
}
check "index -> ranges -> blocks reach every port" all_ports_indexed
check "pages end with 'Was this page helpful?'" \
	bash -c "grep -q 'Was this page helpful?' '$S/port/22.html' && ! grep -q '^no-helpful ' '$T/scan'"

preview() {
	"$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$REG" --port 22 >"$T/22.html" &&
		cmp -s "$T/22.html" "$S/port/22.html"
}
check "--port 22 prints the same bytes as port/22.html" preview
md_preview() {
	"$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$REG" --port 22 --markdown >"$T/22.md" &&
		grep -q '^## What port 22 is' "$T/22.md" && ! grep -q '<html' "$T/22.md"
}
check "--port 22 --markdown prints the filled Markdown" md_preview

# bad_input NAME EXPECT_STATUS PATTERN ARGS...: one error line matching PATTERN.
bad_input() {
	local name=$1 want=$2 pat=$3
	shift 3
	"$PP" -q "$@" >/dev/null 2>"$T/err"
	local rc=$?
	if [ "$rc" -eq "$want" ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qE "$pat" "$T/err"; then
		ok "$name"
	else
		not_ok "$name (exit $rc: $(head -c 300 "$T/err"))"
	fi
}
bad_input "missing templates dir: one line naming it, exit 1" 1 \
	"^portpages: $T/nope/sections: " -t "$T/nope" -c "$ROOT/content" -r "$REG" -o "$T/o1"
cp -r "$ROOT/templates" "$T/tpl"
printf 'Port {{PORT}}\n{{#IS_ZERO}}\nnever closed\n' >"$T/tpl/sections/45-bad.md"
bad_input "template syntax error: file and line, exit 1" 1 \
	"^portpages: $T/tpl/sections/45-bad.md:2: \{\{#IS_ZERO\}\} is never closed" \
	-t "$T/tpl" -c "$ROOT/content" -r "$REG" -o "$T/o2"
check "a failed build writes nothing" test ! -e "$T/o2/port"
touch "$T/file"
bad_input "output is a file: one line naming it, exit 1" 1 "^portpages: $T/file/?: " \
	-t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o "$T/file"
mkdir "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$T/ro"
	bad_input "unwritable output directory: one line, exit 1" 1 "^portpages: $T/ro: .*not writable" \
		-t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o "$T/ro"
elif chattr +i "$T/ro" 2>/dev/null; then
	bad_input "unwritable (immutable) output directory: one line, exit 1" 1 "^portpages: $T/ro: " \
		-t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o "$T/ro"
	chattr -i "$T/ro"
else
	bad_input "unwritable output directory (/proc): one line, exit 1" 1 "^portpages: /proc/portpages: " \
		-t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o /proc/portpages
fi
bad_input "unknown option: one line, exit 2" 2 "^portpages: unknown option '--frobnicate'" --frobnicate
bad_input "bad --port: one line, exit 2" 2 "^portpages: --port takes" --port 70000

# portpages values: the template contract for site owners, every name the
# shipped templates use, each once, with where it is set.
values_ok() {
	"$PP" values >"$T/values" || return 1
	local used
	used=$(grep -rhoE '\{\{[#/]?[A-Z][A-Z0-9_]*\}\}' "$ROOT/templates" | tr -d '{}#/' |
		sed 's/_separator$//' | sort -u)
	[ -n "$used" ] || return 1
	for n in $used; do
		[ "$(awk -v n="$n" '$1 == n' "$T/values" | wc -l)" -eq 1 ] || { echo "  $n: not listed once"; return 1; }
	done
	[ "$(awk 'NR > 1 { print $1 }' "$T/values" | sort | uniq -d | wc -l)" -eq 0 ] &&
		awk '$1 == "PRIMARY_SERVICE" && $2 == "value" && $3 == "port"' "$T/values" | grep -q . &&
		awk '$1 == "A_SERVICE" && $3 == "A_HAS_SERVICE"' "$T/values" | grep -q . &&
		echo "  $(echo "$used" | wc -l) names used by the templates, $(($(wc -l <"$T/values") - 1)) listed"
}
check "portpages values lists every name the templates use, once, with where it is set" values_ok
values_extra() {
	"$PP" values extra >/dev/null 2>"$T/err"
	[ $? -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^portpages: usage: portpages values' "$T/err"
}
check "portpages values with an argument: one line, exit 2" values_extra
