#!/usr/bin/env bash
# tests/e2e/api.sh - api/: ports.json and ports.csv against docs/ports.schema.json, the pages and each other; api/port/N.json with api = true
. "$(dirname "$0")/../lib.sh"
SCHEMA=$ROOT/docs/ports.schema.json
VALIDATE=$ROOT/tests/browser/schema.mjs

S=$(shared_site)
check "the shared whole build exists" test -n "$S"
# api.py prints ok/not ok lines: count them here.
report() {
	local l
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok "${l#ok - }" ;;
		"not ok - "*) not_ok "${l#not ok - }" ;;
		*) echo "$l" ;;
		esac
	done
}
python3 "$ROOT/tests/e2e/api.py" "$S" "$ROOT/content/uses.csv" $CSV | report
check "api: without api = true there is no api/port/" test ! -e "$S/api/port"

have_ajv=0
if [ -f "$ROOT/tests/browser/node_modules/ajv/package.json" ] && command -v node >/dev/null; then
	have_ajv=1
	check "api: ports.json is valid against docs/ports.schema.json (ajv, draft 2020-12)" \
		node "$VALIDATE" "$SCHEMA" "$S/api/ports.json"
	# The schema can fail: one port's document, then broken copies of it.
	mkdir -p "$T/mut"
	python3 - "$S/api/ports.json" "$T/mut" <<'PY'
import copy, json, sys
doc = json.load(open(sys.argv[1]))
p = doc["ports"][22]
one = dict(doc, uses=[u for u in doc["uses"] if u["line"] in p["uses"]], ports=[p])
json.dump(one, open(f"{sys.argv[2]}/good.json", "w"))
def bad(name, change):
    d = copy.deepcopy(one)
    change(d)
    json.dump(d, open(f"{sys.argv[2]}/bad-{name}.json", "w"))
bad("verdict", lambda d: d["ports"][0].update(verdict="maybe"))
bad("good-with-reasons", lambda d: d["ports"][0].update(verdict="good"))
bad("extra-key", lambda d: d["ports"][0].update(nmap_frequency=0.45))
bad("path", lambda d: d["sources"][0].update(file="/home/builder/registry.csv"))
bad("port", lambda d: d["ports"][0].update(port=65536))
bad("status", lambda d: d["ports"][0]["status"].update(tcp="taken"))
PY
	check "api: the schema accepts one port's document" node "$VALIDATE" "$SCHEMA" "$T/mut/good.json"
	node "$VALIDATE" "$SCHEMA" "$T"/mut/bad-*.json >"$T/mut.log"
	for f in "$T"/mut/bad-*.json; do
		n=$(basename "$f" .json)
		check "api: the schema refuses a document with a ${n#bad-} error" grep -q "^$f: " "$T/mut.log"
	done
else
	skip "api: ports.json against docs/ports.schema.json (needs ajv: make deps, or cd tests/browser && npm ci)"
fi

# api = yes: an error with its line (paths.sh builds with api = true and
# checks api/port/N.json, to share its whole build).
mkdir -p "$T/c"
cp -R "$ROOT/content/." "$T/c/"
sed -i 's/^\[site\]$/[site]\napi = yes/' "$T/c/site.conf"
"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/bad" 2>"$T/err"
check "api: api = yes is refused with its line (api must be true or false)" \
	bash -c "[ $? -eq 1 ] && grep -qx 'portpages: .*/site.conf:[0-9]*: api must be true or false' '$T/err'"
exit 0
