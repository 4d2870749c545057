#!/usr/bin/env bash
# tests/e2e/notes.sh - curated notes: format, links, rendering, search and home page
. "$(dirname "$0")/../lib.sh"

N=$ROOT/content/ports
count=$(ls "$N" | grep -c '^[0-9]*\.md$')
check "at least 100 curated notes ($count)" test "$count" -ge 100
required="20 21 22 23 25 53 67 68 69 80 110 123 143 161 389 443 445 465 587 636 853 993 995
1433 1521 3306 3389 5432 5900 6379 8080 8443 9200 11211 27017 2375 2376 2379 2380 5985 5986
6443 10250 500 1194 1701 1723 3478 4500 5060 5061 51820 3000 5000 8000 8888 9000 9090 19999
25565 27015 32400 135 136 137 138 139 1900 4444 6667 12345 31337"
missing=
for p in $required; do [ -f "$N/$p.md" ] || missing="$missing $p"; done
check "every port the issue lists has a note${missing:+ (missing:$missing)}" test -z "$missing"

# Tags and risk levels from the documented set; the four keys and five sections.
allowed=$(awk '/^  web, mail/,/backup$/' "$ROOT/docs/NOTES-FORMAT.md" | tr -d ' \n' | tr ',' ' ')
# One pass over every note: a process per check per note made this the
# suite's slowest part as the notes grew.
format_ok() {
	python3 - "$N" "$allowed" <<'PY'
import glob, re, sys
allowed = set(sys.argv[2].split())
bad = 0
def say(f, what):
    global bad
    print(f"  {f}: {what}")
    bad = 1
for f in sorted(glob.glob(sys.argv[1] + "/*.md")):
    lines = open(f, encoding="utf-8").read().split("\n")
    if lines[0] != "---":
        say(f, "no front matter")
        continue
    for k in ("title", "tags", "risk", "names"):
        if not any(re.match(k + ": .", l) for l in lines):
            say(f, f"no {k}")
    # The page prints "Port N: <title>" and "<title>: what you will find
    # on port N", so a title that names the port says it twice.
    port = re.escape(f.rsplit("/", 1)[1][:-3])
    # A range, an address and a service name may carry the number.
    named = r"title: .*(?<![-\u2013:\w])" + port + r"(?![-\u2013\w]| and)"
    if any(re.match(named, l) for l in lines):
        say(f, "title names the port")
    if not any(re.fullmatch(r"risk: (low|medium|high|critical)", l) for l in lines):
        say(f, "bad risk")
    for l in lines:
        if l.startswith("tags: "):
            for tag in l[6:].replace(",", " ").split():
                if tag not in allowed:
                    say(f, f"tag {tag} not in the documented set")
    if sum(l.startswith("## ") for l in lines) < 5:
        say(f, "fewer than five sections")
    if any(l.startswith("# ") for l in lines):
        say(f, "level-1 heading")
sys.exit(bad)
PY
}
check "front matter, tags, risk levels and sections follow docs/NOTES-FORMAT.md" format_ok
links_ok() {
	local bad=0 url
	while read -r url; do
		case $url in
		https://*[\ \"\'\<\>]* | *utm_* | *fbclid* | *gclid* | *'?ref='* | *'&ref='*)
			echo "  bad link: $url"; bad=1 ;;
		https://[a-z0-9]*.[a-z]*/* | https://[a-z0-9]*.[a-z]*) ;;
		*) echo "  not an https link: $url"; bad=1 ;;
		esac
	done < <(grep -ohE '\]\([^)]*\)|<https?://[^>]*>' "$N"/*.md | sed -E 's/^\]\(|^<|\)$|>$//g')
	return $bad
}
check "every external link is https and carries no tracking parameters" links_ok

S=$(shared_site)
check "the site builds with every note" test -n "$S"
shown() {
	local f p pages=() missing
	for f in "$N"/*.md; do
		p=${f##*/}
		pages+=("$S/port/${p%.md}.html")
	done
	missing=$(grep -L '<section class="note"' "${pages[@]}" 2>&1) || true
	[ -z "$missing" ] || { printf '  note missing from %s\n' "$missing"; return 1; }
}
check "every note's port page shows it" shown
check "notes render above the generic sections" \
	bash -c "awk '/<section class=\"note\"/{n=NR} /section-what/{w=NR} END{exit !(n && w && n < w)}' '$S/port/22.html'"
mkdir -p "$T/content/ports"
printf -- '---\ntitle: Test\n---\n## Raw\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n' >"$T/content/ports/7.md"
"$PP" -q -t "$ROOT/templates" -c "$T/content" -r "$REG" -o "$T/unsafe" --range 7-7
check "a note's raw HTML and javascript: links are dropped (safe mode)" \
	bash -c "grep -q 'raw HTML omitted' '$T/unsafe/port/7.html' && ! grep -q '<script>alert' '$T/unsafe/port/7.html' && ! grep -q 'javascript:' '$T/unsafe/port/7.html'"
# [port, names, description, title, tags, search names, known uses, rank]: $2 after the title
search_has() { grep -qE "^\[$1,(\"[^\"]*\",){3}.*$2" "$S/assets/search-index.js"; }
check "search data: minecraft -> 25565" search_has 25565 minecraft
check "search data: wireguard -> 51820" search_has 51820 wireguard
check "search data: plex -> 32400" search_has 32400 plex
check "search data carries tags (remote-access on 22)" search_has 22 remote-access
check "home page lists the curated ports" \
	bash -c "grep -q 'href=\"port/25565.html\"' '$S/index.html' && grep -q 'href=\"port/51820.html\"' '$S/index.html'"
