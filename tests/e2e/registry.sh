#!/usr/bin/env bash
# tests/e2e/registry.sh - registry data on the pages: fixtures, IANA's snapshot, bad input
. "$(dirname "$0")/../lib.sh"

FIX=$ROOT/tests/fixtures/small.csv
S=$T/fix
check "build from the CSV fixture" build "$S" -r "$FIX"
has() { grep -qF -- "$2" "$S/port/$1.html"; }
check "66: Oracle SQL*NET keeps its asterisk" has 66 "<p>Oracle SQL*NET</p>"
check "21: u=<username> shows its angle brackets" has 21 "u=&lt;username&gt; p=&lt;password&gt; path=&lt;path&gt;"
check "63: whois++ keeps its pluses" has 63 "<h3>whois++</h3>"
check "63: a multi-line note reads as one" has 63 "This entry is an alias to &quot;whoispp&quot;. This is a duplicate"
check "79: unauthorized use reported" has 79 "Unauthorized use reported: Unauthorized use by some mail users (see [RFC4146] for details)"
check "80: http, www and www-http" has 80 "assigned in IANA's registry to http, www, www-http."
check "21: [RFC959] links to the RFC" has 21 '<a href="https://www.rfc-editor.org/rfc/rfc959">RFC959</a>'
check "6001: shows X11's 6000-6063 range" has 6001 "this entry covers every port from 6000 to 6063"
check "6063 and 6000 too, not 6064" bash -c "grep -q '<h3>x11</h3>' '$S/port/6000.html' && grep -q '<h3>x11</h3>' '$S/port/6063.html' && ! grep -q '<h3>x11</h3>' '$S/port/6064.html'"
check "2019: TCP and UDP differ" bash -c "grep -q '<h3>whosockami</h3>' '$S/port/2019.html' && grep -q '<h3>about</h3>' '$S/port/2019.html' && grep -A2 '<h3>about</h3>' '$S/port/2019.html' | grep -q 'Protocols: udp'"
check "1024: reserved" has 1024 "lists with no service"
check "40000: registration date" has 40000 "Registered: 2009-05-13"
check "pages say where the data came from, by file name" has 22 "IANA's registry (<code>$(basename "$FIX")</code>, newest entry 2021-10-01)"
check "a service name without a port is listed in the index" \
	bash -c "grep -q 'zigbee-bridge' '$S/services/z.html' && grep -q 'no port' '$S/services/z.html'"
# The fixture assigns nothing in the dynamic range: every sentence that
# counts a range's assignments says "none" there, never "0".
check "a range with no assignment reads none, on the index and its range page" \
	bash -c "grep -q '16,384 ports, none of them assigned' '$S/index.html' && grep -q 'assigns none for TCP or UDP' '$S/range/dynamic.html'"
none_on_pages() {
	local p n=0
	for p in 50000 60000 65535; do
		grep -qE "assigns none of the range's 16,384 ports|assigns none for TCP or UDP|gives none of these 16,384 ports" "$S/port/$p.html" && n=$((n + 1))
	done
	[ "$n" -eq 3 ]
}
check "a range with no assignment reads none on its port pages" none_on_pages
check "no page counts a range's assignments as 0" \
	bash -c "! grep -rlE '(assigns|gives) 0 |ports, 0 of them' '$S' >/dev/null"

# A services(5) file in Wireshark's merged form, with aliases and comments.
cat >"$T/services" <<'SVC'
# Wireshark-style services file
tcpmux		1/tcp/udp	# TCP Port Service Multiplexer
discard		9/tcp/udp/sctp/dccp	# Discard
http		80/tcp		www www-http	# WorldWideWeb HTTP
not a valid line
SVC
"$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$T/services" -o "$T/svc" >/dev/null 2>"$T/svc.err"
check "services(5) file builds" test -s "$T/svc/port/9.html"
check "services: a range's count is the file's, 3 system ports and none above" \
	bash -c "grep -q '1,024 ports, 3 of them assigned' '$T/svc/index.html' && grep -q '48,128 ports, none of them assigned' '$T/svc/index.html'"
check "services: merged protocols" grep -q 'Protocols: tcp/udp/sctp/dccp' "$T/svc/port/9.html"
check "services: aliases" grep -q 'Aliases: www www-http' "$T/svc/port/80.html"
check "services: comment is the description" grep -q '<p>WorldWideWeb HTTP</p>' "$T/svc/port/80.html"
check "services: malformed line warned with file:line" grep -q "^portpages: $T/services:5: warning: " "$T/svc.err"
# Every sentence of the templates that says what the registry assigns names it.
svc_named() {
	grep -q 'assigned in the services file to http' "$T/svc/port/80.html" &&
		! grep -rqE "(assigned|reserved|assignment) in IANA's registry|IANA's registry (calls it|assigns)" \
		"$T/svc/port" "$T/svc/range" "$T/svc/index.html"
}
check "services: a site built from a services file never calls it IANA's registry" svc_named
# A registry that is one of the lists site.conf names is called by that
# list's name, not "the services file" that could be any of them.
mkdir -p "$T/wc"
cp -r "$ROOT/content/." "$T/wc"
printf '\n[sources]\nwireshark = %s\nsystem = %s\n' "$T/services" "$T/services2" >>"$T/wc/site.conf"
cp "$T/services" "$T/services2"
named_as() {
	"$PP" -q -t "$ROOT/templates" -c "$T/wc" -r "$T/$1" --range 80-80 \
		-o "$T/wcs" 2>/dev/null &&
		grep -qF "assigned in $2 to http" "$T/wcs/port/80.html" &&
		grep -qF "Data: the registry, $2 (<code>$1</code>" "$T/wcs/port/80.html"
}
check "services: a registry that is Wireshark's list is called so" \
	named_as services "Wireshark's service list"
check "services: a registry that is the system's file is called so" \
	named_as services2 "this system's services file"
# The footer's list of sources reads as one sentence: no title case inside it.
footer_inside() {
	named_as services "Wireshark's service list" &&
		grep -qF "; this system's services file (<code>services2</code>" \
			"$T/wcs/port/80.html"
}
check "services: the footer names each source as a sentence would" footer_inside

# A services file carries no dates: pages date it by its mtime (UTC), and a
# new mtime alone re-renders them.
cp "$T/services" "$T/dated"
dated() {
	touch -d "$1 12:00:00 UTC" "$T/dated" &&
		"$PP" -q -t "$ROOT/templates" -c "$ROOT/content" -r "$T/dated" \
		--range 75-85 -o "$T/dsite" 2>/dev/null &&
		grep -qF "(<code>dated</code>, file date $1)" "$T/dsite/port/80.html" &&
		grep -qF "(dated, $1)</span>" "$T/dsite/port/80.html" &&
		! grep -qF "$2" "$T/dsite/port/80.html"
}
check "services: dated by its mtime, 'file date' in the footer" dated 2020-02-03 2021-05-06
check "services: a new mtime alone re-renders the pages with the new date" dated 2021-05-06 2020-02-03

# site.conf's thousands_separator: counts in prose take it, port numbers
# never do, and changing it re-renders a site built before.
mkdir -p "$T/ts"
cp -r "$ROOT/content/." "$T/ts"
thousands() {
	printf '[site]\nthousands_separator = %s\n' "$1" >"$T/ts/site.conf" &&
		"$PP" -q -t "$ROOT/templates" -c "$T/ts" -r "$FIX" --range 40000-40000 \
		-o "$T/tsite" 2>/dev/null &&
		grep -qF "$2" "$T/tsite/port/40000.html" &&
		! grep -qF "$3" "$T/tsite/port/40000.html" &&
		grep -qF '<h1>Port 40000:' "$T/tsite/port/40000.html"
}
check "thousands_separator = period: 48.128 ports" thousands period "48.128" "48,128"
check "thousands_separator = narrow-space, into the same directory: re-rendered" \
	thousands narrow-space "48$(printf '\342\200\257')128" "48.128"
check "thousands_separator = comma, the default: 48,128" thousands comma "48,128" "48$(printf '\342\200\257')128"
bad_thousands() {
	local err
	printf '[site]\nthousands_separator = dot\n' >"$T/ts/site.conf"
	err=$("$PP" -q -t "$ROOT/templates" -c "$T/ts" -r "$FIX" --range 1-1 \
		-o "$T/tbad" 2>&1)
	[ $? -eq 1 ] && [ "$err" = "portpages: $T/ts/site.conf:2: thousands_separator must be comma, period, space, narrow-space, apostrophe or none" ] &&
		[ ! -e "$T/tbad/port/1.html" ]
}
check "thousands_separator = dot: refused with its line" bad_thousands

every_row_shown() {
	python3 - "$CSV" "$S2" <<'PY'
import csv, html, re, sys
csvpath, site = sys.argv[1], sys.argv[2]
want = {}
for row in csv.DictReader(open(csvpath, newline='', encoding='utf-8', errors='replace')):
    name, port, proto = row['Service Name'].strip(), row['Port Number'].strip(), row['Transport Protocol'].strip()
    if not name or not port:
        continue
    lo, _, hi = port.partition('-')
    for p in range(int(lo), int(hi or lo) + 1):
        want.setdefault(p, set()).add((name, proto))
bad = 0
for p, pairs in want.items():
    page = open(f'{site}/port/{p}.html', encoding='utf-8').read()
    shown = set()
    for m in re.finditer(r'<h3>(.*?)</h3>\n(?:<p>.*?</p>\n)?<ul>\n<li>Protocols: ([^<]*)</li>', page):
        for pr in m.group(2).split('/'):
            shown.add((html.unescape(m.group(1)), pr if pr != 'none given' else ''))
    missing = pairs - shown
    if missing:
        bad += 1
        if bad <= 5:
            print(f'port {p}: missing {sorted(missing)[:3]}', file=sys.stderr)
print(f'{sum(len(v) for v in want.values())} (port, protocol, name) triples on {len(want)} pages', file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
if need_csv "IANA snapshot: every (port, protocol, service name) on its page"; then
	# REG is the snapshot whenever it is present: the shared build is that one.
	S2=$(shared_site)
	check "build from IANA's snapshot" test -n "$S2"
	check "IANA snapshot: every (port, protocol, service name) on its page" every_row_shown
	has2() { grep -qF -- "$2" "$S2/port/$1.html"; }
	check "IANA 21: ftp with its TXT keys" has2 21 "Defined TXT keys: u=&lt;username&gt; p=&lt;password&gt; path=&lt;path&gt;"
	check "IANA 66: Oracle SQL*NET" has2 66 "<p>Oracle SQL*NET</p>"
	check "IANA 79: finger, unauthorized use" has2 79 "Unauthorized use reported: Unauthorized use by some mail users (see [RFC4146] for details)"
	check "IANA 80: http, www, www-http" has2 80 "registry to http, www, www-http."
	check "IANA 6001: x11 6000-6063" has2 6001 "covers every port from 6000 to 6063"
	check "IANA: newest date on the pages" has2 22 ", newest entry 2024-04-30)"
	check "IANA 1491: an unassigned entry that reports a use is shown, not 'Nothing'" \
		bash -c "grep -A1 'data-source=.iana.' '$S2/port/1491.html' | grep -qF 'Unauthorized Use Known on port 1491'"
	check "900 (not 600 or 1024): Linux's NFS client takes source ports from 665-1023" \
		bash -c "grep -q 'from 665–1023 by default' '$S2/port/900.html' && ! grep -q 'from 665–1023 by default' '$S2/port/600.html' && ! grep -q 'from 665–1023 by default' '$S2/port/1024.html'"
	check "IANA 3097: assigned for SCTP only, so a TCP or UDP listener is something else (22 is not)" \
		bash -c "grep -q 'assigned to itu-bicc-stc for SCTP or DCCP only' '$S2/port/3097.html' && ! grep -q 'SCTP or DCCP only' '$S2/port/22.html'"
	check "IANA 15: 'Unassigned [was netstat]' is unassigned, not reserved" \
		bash -c "grep -q 'TCP: unassigned' '$S2/port/15.html' && ! grep -q 'lists with no service' '$S2/port/15.html'"
	check "IANA 66: links to sql-net on its other port, 150" \
		grep -q '<a href="150.html">Port 150</a> (sql-net)' "$S2/port/66.html"
	check "IANA 22: a service name without a port is not linked" \
		bash -c "! grep -q 'href=\"0.html\">Port 0</a> (ssh)' '$S2/port/22.html'"
fi

# Bad registry input: an error or warnings with file:line, and the site untouched.
tree_sum() { (cd "$S" && find . -type f -printf '%P %s %T@\n' | sort | md5sum); }
before=$(tree_sum)
bad_registry() {
	local name=$1 file=$2 want=$3 pat=$4
	"$PP" -q -t "$ROOT/templates" -c "$ROOT/content" -r "$file" -o "$S" 2>"$T/err"
	local rc=$?
	if [ "$rc" -eq "$want" ] && grep -qE "$pat" "$T/err" && [ "$(tree_sum)" = "$before" ]; then
		ok "$name"
	else
		not_ok "$name (exit $rc: $(head -c 300 "$T/err"))"
	fi
}
bad_registry "missing registry: error, site untouched" "$T/none.csv" 1 "^portpages: $T/none.csv: cannot open registry"
: >"$T/empty.csv"
bad_registry "empty registry: error, site untouched" "$T/empty.csv" 1 "^portpages: $T/empty.csv: registry is empty"
head -c 20000 /dev/urandom >"$T/garbage.bin"
bad_registry "binary garbage: error, site untouched" "$T/garbage.bin" 1 "no port entries found"
{ head -1 "$FIX"; echo 'big,70000,tcp,Too big,,,,,,,,'; echo 'ok,7,tcp,Fine,,,,,,,,'; } >"$T/big.csv"
"$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$T/big.csv" -o "$T/big" >/dev/null 2>"$T/err"
check "port above 65535: warning with file:line, build goes on" \
	bash -c "grep -q '^portpages: $T/big.csv:2: warning: bad port number' '$T/err' && test -s '$T/big/port/7.html'"
{ head -1 "$FIX"; printf 'long,8,tcp,"'; head -c 10000000 /dev/zero | tr '\0' x; echo '",,,,,,,,'; echo 'ok,7,tcp,Fine,,,,,,,,'; } >"$T/long.csv"
"$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$T/long.csv" -o "$T/long" >/dev/null 2>"$T/err"
check "10 MB line: warning with file:line, build goes on" \
	bash -c "grep -q '^portpages: $T/long.csv:2: warning: field longer than 64 KiB' '$T/err' && grep -q '<h3>ok</h3>' '$T/long/port/7.html'"

# An entry with no protocol (IANA's reserved rows, a services page's range)
# prints no empty protocol label: "reserved: IANA Reserved", not
# "reserved <span class="proto"></span>: ...".
S3=$(shared_site)
no_empty_proto() {
	! grep -rlq '<span class="proto"></span>' "$S3" &&
		grep -rlq '<dd><strong>[^<]*</strong>: ' "$S3/port"
}
if need_csv "entries without a protocol"; then
	check "no empty protocol label on any page, and entries without a protocol still listed" no_empty_proto
fi
