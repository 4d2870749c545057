#!/usr/bin/env bash
# tests/e2e/paths.sh - no builder paths in the output: the same inputs in two directories give the same bytes
#
# Templates, content, the registry and every other source (nmap's,
# Wireshark's and the system's lists, named in site.conf relative to the
# content directory) are copied to two different absolute paths and built
# there with absolute arguments, with base_url (sitemaps) and api = true
# (api/port/N.json). The two trees must be byte-identical, the manifest and
# the stamp included, and no file may name the directories. The api = true
# tree then serves the checks of api/port/N.json (api.sh covers the rest).
. "$(dirname "$0")/../lib.sh"
A=$T/a/x
B=$T/b/y/z

setup() {
	local d=$1 f
	mkdir -p "$d"
	cp -R "$ROOT/templates" "$ROOT/content" "$d/"
	cp -p "$REG" "$d/"
	sed -i 's|^\[site\]$|[site]\napi = true|; s|^base_url =.*|base_url = https://ports.example.org/|' \
		"$d/content/site.conf"
	printf '\n[sources]\n' >>"$d/content/site.conf"
	for f in nmap:/usr/share/nmap/nmap-services wireshark:/usr/share/wireshark/services system:/etc/services; do
		[ -f "${f#*:}" ] || continue
		cp -p "${f#*:}" "$d/content/${f%%:*}-list"
		echo "${f%%:*} = ${f%%:*}-list" >>"$d/content/site.conf"
	done
}

ok_build=1
for d in "$A" "$B"; do
	setup "$d"
	if ! "$PP" -q -t "$d/templates" -c "$d/content" -r "$d/$(basename "$REG")" -o "$d/site" 2>"$T/err"; then
		not_ok "paths: build in $d: $(head -c 300 "$T/err")"
		ok_build=0
	fi
done
[ "$ok_build" -eq 1 ] || exit 0

files=$(find "$A/site" -type f | wc -l)
# Any path of the build (the scratch directory, the checkout), while diff runs.
grep -rlaF -e "$T/" -e "$ROOT/" "$A/site" >"$T/leaks" &
leaks=$!
if diff -r "$A/site" "$B/site" >"$T/diff" 2>&1; then
	ok "paths: built in $A and in $B, the trees are byte-identical ($files files, the .portpages-* records included)"
else
	not_ok "paths: the trees differ: $(head -n 5 "$T/diff")"
fi
wait $leaks
check "paths: no file names a directory of the build (pages, api/, sitemaps, search data, manifest)" \
	test ! -s "$T/leaks"
check "paths: the tree has api/port/, sitemaps and every source (the inputs were all in play)" \
	bash -c "[ -f '$A/site/api/port/65535.json' ] && [ -f '$A/site/sitemap-1.xml' ] &&
		grep -q 'nmap-list' '$A/site/port/22.html'"

# api/port/N.json (see api.sh).
python3 "$ROOT/tests/e2e/api.py" --ports "$A/site" | while IFS= read -r l; do
	case $l in
	"ok - "*) ok "${l#ok - }" ;;
	"not ok - "*) not_ok "${l#not ok - }" ;;
	esac
done
if [ -f "$ROOT/tests/browser/node_modules/ajv/package.json" ]; then
	check "api: every 64th api/port/N.json is valid against docs/ports.schema.json" \
		node "$ROOT/tests/browser/schema.mjs" "$ROOT/docs/ports.schema.json" \
		$(seq -f "$A/site/api/port/%g.json" 0 64 65535)
else
	skip "api: api/port/N.json against docs/ports.schema.json (needs ajv: make deps)"
fi
exit 0
