#!/usr/bin/env bash
# tests/browser/run-suite.sh - the browser suite: Playwright, axe-core, Nu Html Checker, links, sitemaps
. "$(dirname "$0")/../lib.sh"

B=$ROOT/tests/browser
ART=$ROOT/tests/artifacts
mkdir -p "$ART"

# A site as a host would publish it: with base_url, so sitemaps are written.
mkdir -p "$T/content"
cp -r "$ROOT/content/." "$T/content/"
sed -i 's|^base_url =.*|base_url = https://ports.example.org/|' "$T/content/site.conf"
S=$T/site
check "build with base_url" "$PP" -q -t "$ROOT/templates" -c "$T/content" -r "$REG" -o "$S"

# Runs a script that prints "ok - ..." / "not ok - ..." and records each line.
record() {
	local line
	"$@" 2>&1 | while IFS= read -r line; do
		case $line in
		"ok - "*) ok "${line#ok - }" ;;
		"not ok - "*) not_ok "${line#not ok - }" ;;
		*) echo "  $line" ;;
		esac
	done
}

if [ -d "$B/node_modules/playwright-core" ] && [ -x /usr/bin/chromium ]; then
	record node "$B/run.mjs" "$S" "$ART/screenshots"
	mkdir -p "$T/content-fb" && cp -r "$ROOT/content/." "$T/content-fb/"
	sed -i 's|^feedback_url =.*|feedback_url = https://feedback.example.org/helpful|' "$T/content-fb/site.conf"
	"$PP" -q -t "$ROOT/templates" -c "$T/content-fb" -r "$REG" -o "$T/site-fb"
	record node "$B/run.mjs" "$T/site-fb" "$ART/screenshots-feedback" --feedback
	record node "$B/a11y.mjs" "$S"
	# portpages serve: answers reach the database, an edit reloads an open page.
	record node "$B/serve.mjs" "$PP" "$ROOT" "$REG" "$T/serve"
else
	skip "Playwright and axe-core (run 'make deps': tests/browser/node_modules or /usr/bin/chromium is missing)"
fi
if [ -f "$B/node_modules/vnu-jar/build/dist/vnu.jar" ] && command -v java >/dev/null; then
	record bash "$B/vnu.sh" "$S"
else
	skip "Nu Html Checker (run 'make deps': vnu-jar or java is missing)"
fi

links() {
	python3 - "$S" <<'PY'
import os, re, sys
from urllib.parse import unquote
root = os.path.abspath(sys.argv[1])
ref = re.compile(rb'(?:href|src)="([^"]*)"')
files = set()
for dirpath, _, names in os.walk(root):
    files.update(os.path.join(dirpath, n) for n in names)
pages = bad = links = 0
# 1.5 million links, most of them the same few from each directory:
# each (directory, link) is resolved once.
seen = {}
for dirpath, _, names in os.walk(root):
    for f in names:
        if not f.endswith('.html'):
            continue
        pages += 1
        path = os.path.join(dirpath, f)
        for m in ref.finditer(open(path, 'rb').read()):
            raw = m.group(1)
            key = (dirpath, raw)
            good = seen.get(key)
            if good is None:
                u = raw.decode()
                if re.match(r'^[a-z]+:', u) or u.startswith('//'):
                    good = seen[key] = 2  # external, checked elsewhere
                else:
                    u = u.split('#')[0].split('?')[0]
                    if not u:
                        good = seen[key] = 2
                    else:
                        target = os.path.normpath(os.path.join(dirpath, unquote(u)))
                        good = seen[key] = int(target.startswith(root + os.sep) and target in files)
            if good == 2:
                continue
            links += 1
            if not good:
                bad += 1
                if bad <= 5:
                    print(f'  {path}: {raw.decode()}', file=sys.stderr)
print(f'  {links} relative links and assets on {pages} pages', file=sys.stderr)
sys.exit(1 if bad or pages < 65536 else 0)
PY
}
check "every relative link and asset reference on every page resolves" links

sitemaps() {
	python3 - "$S" <<'PY'
import os, re, sys
root = sys.argv[1]
base = 'https://ports.example.org/'
index = open(f'{root}/sitemap.xml').read()
files = re.findall(r'<loc>([^<]*)</loc>', index)
urls = []
for f in files:
    assert f.startswith(base), f
    body = open(os.path.join(root, f[len(base):])).read()
    locs = re.findall(r'<loc>([^<]*)</loc>', body)
    assert len(locs) <= 50000, f'{f}: {len(locs)} URLs'
    urls += locs
pages = set()
for dirpath, _, names in os.walk(root):
    for n in names:
        if n.endswith('.html'):
            rel = os.path.relpath(os.path.join(dirpath, n), root)
            if rel not in ('404.html', 'search.html'):
                pages.add(base if rel == 'index.html' else base + rel)
dups = len(urls) - len(set(urls))
missing = pages - set(urls)
extra = set(urls) - pages
print(f'  {len(urls)} URLs in {len(files)} sitemaps; {dups} duplicates, {len(missing)} missing, {len(extra)} extra', file=sys.stderr)
robots = open(f'{root}/robots.txt').read()
sys.exit(0 if not dups and not missing and not extra and f'Sitemap: {base}sitemap.xml' in robots else 1)
PY
}
check "sitemaps: every page exactly once, at most 50,000 URLs a file, robots.txt names the index" sitemaps
check "canonical links and Open Graph on port pages" \
	bash -c "grep -q '<link rel=\"canonical\" href=\"https://ports.example.org/port/22.html\">' '$S/port/22.html' && grep -q 'property=\"og:title\"' '$S/port/22.html'"
# 404.html alone uses base_url for its assets: servers send it for any missing path.
check "no request can leave the site: no scripts, styles or fonts from other hosts" \
	bash -c "! grep -rhoE '<(script|link)[^>]*(src|href)=\"(https?:)?//[^\"]*' '$S' --include='*.html' | grep -v 'rel=\"canonical\"' | grep -v '=\"https://ports.example.org/' | grep -q ."
check "404.html works at any depth: its assets use base_url" \
	grep -q '<link rel="stylesheet" href="https://ports.example.org/assets/style.css">' "$S/404.html"
