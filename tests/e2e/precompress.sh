#!/usr/bin/env bash
# tests/e2e/precompress.sh - --precompress: FILE.gz and FILE.br beside each page, each decompressing to it, the same bytes every build
#
# A whole build would compress 900 MB (about 50 s of CPU), so this one
# renders ports 0-1023; every other kind goes through the same code
# (test_precompress.c checks which file names are compressed, and a gzip
# round trip of a stylesheet).
. "$(dirname "$0")/../lib.sh"
O=$T/site
pp() { "$PP" -t "$ROOT/templates" -c "$ROOT/content" -r "$REG" -o "$O" --range 0-1023 --precompress "$@"; }

check "precompress: --range 0-1023 --precompress builds" pp -q
want_br=0
"$PP" --help | grep -q 'FILE.gz and FILE.br' && want_br=1
# Node's zlib reads both formats (make deps installs node for the browser suite).
ok_files() {
	node - "$O" "$want_br" <<'JS'
const fs = require('fs'), zlib = require('zlib');
const [site, wantBr] = [process.argv[2], process.argv[3] === '1'];
const bad = [];
for (let p = 0; p < 1024; p++) {
  const f = `${site}/port/${p}.html`, page = fs.readFileSync(f);
  const gz = fs.readFileSync(f + '.gz');
  // No name (FLG 0) and no time (MTIME 0) in the header: the same bytes every build.
  if (!gz.subarray(0, 8).equals(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])) || !zlib.gunzipSync(gz).equals(page))
    bad.push(f + '.gz');
  if (wantBr && (!fs.existsSync(f + '.br') || !zlib.brotliDecompressSync(fs.readFileSync(f + '.br')).equals(page)))
    bad.push(f + '.br');
}
const others = fs.readdirSync(`${site}/port`).filter(n => !/\.html(\.gz|\.br)?$/.test(n));
console.log(`  1024 pages; .br ${wantBr ? 'checked' : 'not built (this portpages has no brotli)'}; ${bad.length + others.length} wrong`);
process.exit(bad.length || others.length ? 1 : 0);
JS
}
if command -v node >/dev/null; then
	check "precompress: each port/N.html has N.html.gz (no name, no time) and N.html.br, decompressing to the page" ok_files
else
	skip "precompress: decompressing the files (needs node: make deps)"
fi
# Without the stamp the build renders and compresses everything again.
rm "$O/.portpages-stamp"
pp >"$T/again" 2>&1
check "precompress: compressed again, every file has the same bytes (0 written)" \
	grep -q '^portpages: 0 written, 3072 unchanged' "$T/again"
exit 0
