#!/usr/bin/env bash
# packaging/mkzim.sh - the built site as one ZIM file for Kiwix (make zim)
#
#   packaging/mkzim.sh SITE_DIR OUT.zim
#
# The title, description and language are the site's own, read from its
# home page (og:site_name, the meta description, <html lang>); the
# language becomes ISO 639-3 through Debian's iso-codes. The welcome page
# is index.html, the illustration assets/favicon.png (48x48). The site is
# staged in name order (see below) without dot files (the generator's
# records, make's stamp) and without any .gz or .br (--precompress): a ZIM
# compresses by itself. No full-text
# index: the site's own search page works inside Kiwix, and Xapian took
# over 15 minutes of CPU for the 65,536 pages. libzim compresses at zstd
# level 19, which takes about an hour of CPU on these pages: unless
# ZIM_ZSTD_LEVEL is empty, packaging/zstdlevel.c is built and preloaded to
# use ZIM_ZSTD_LEVEL (default 9) instead. Prints the size and the time.
set -eu
if [ $# -ne 2 ] || [ ! -f "$1/index.html" ]; then
	echo "usage: packaging/mkzim.sh SITE_DIR OUT.zim (SITE_DIR/index.html must exist)" >&2
	exit 2
fi
SITE=$(cd "$1" && pwd)
OUT=$2
command -v zimwriterfs >/dev/null || {
	echo "mkzim: zimwriterfs is missing (Debian package zim-tools; make deps)" >&2
	exit 1
}
[ -f "$SITE/assets/favicon.png" ] || {
	echo "mkzim: $SITE/assets/favicon.png is missing (the ZIM's 48x48 illustration)" >&2
	exit 1
}

# TITLE, DESCRIPTION (at most 80 characters, as ZIM metadata allows),
# LANG3 and the language tag's first part, one a line, from the home page.
meta=$(python3 - "$SITE/index.html" <<'PY'
import html.parser, json, sys

class Home(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.meta["lang"] = a.get("lang", "en")
        elif tag == "meta" and a.get("property") == "og:site_name":
            self.meta["title"] = a.get("content", "")
        elif tag == "meta" and a.get("name") == "description":
            self.meta["description"] = a.get("content", "")

h = Home()
h.feed(open(sys.argv[1], encoding="utf-8").read())
desc = " ".join(h.meta.get("description", "").split())
if len(desc) > 80:
    desc = desc[:79].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
primary = h.meta.get("lang", "en").split("-")[0].lower()
lang3 = primary if len(primary) == 3 else ""
try:
    for lang in json.load(open("/usr/share/iso-codes/json/iso_639-3.json"))["639-3"]:
        if lang.get("alpha_2") == primary:
            lang3 = lang["alpha_3"]
except OSError:
    lang3 = lang3 or {"en": "eng"}.get(primary, "")
if not lang3:
    sys.exit(f"mkzim: no ISO 639-3 code for language {primary!r} (install iso-codes)")
print(" ".join(h.meta.get("title", "PortPages").split()))
print(desc)
print(lang3)
print(primary)
PY
)
{
	read -r TITLE
	read -r DESCRIPTION
	read -r LANG3
	read -r LANG1
} <<<"$meta"

# zimwriterfs fills its clusters in the order it reads the directories,
# and ext4 reads them back in hash order: neighbouring ports then share no
# cluster, and the ZIM of the same site came out 39.6 MB instead of 31.4.
# A tmpfs reads back in the order the files were made, so the site is
# staged there in name order when MKZIM_TMPFS (default /dev/shm) is a tmpfs
# with room for it; otherwise as hard links beside OUT, in the disk's order.
# The ZIM itself and the shim are made beside OUT (a tmpfs may be noexec)
# and renamed into place, so that OUT is never half written.
ZDIR=$(mktemp -d "$(dirname "$OUT")/.mkzim.XXXXXX")
STAGE=$ZDIR
trap 'rm -rf "$ZDIR" "$STAGE"' EXIT
TMPFS=${MKZIM_TMPFS-/dev/shm}
need_kb=$(($(du -sk "$SITE" | cut -f1) * 5 / 4))
if [ -n "$TMPFS" ] && [ "$(stat -f -c %T "$TMPFS" 2>/dev/null)" = tmpfs ] &&
	[ "$(df -Pk "$TMPFS" | awk 'NR == 2 { print $4 }')" -gt "$need_kb" ] &&
	[ "$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)" -gt $((need_kb * 2)) ]; then
	STAGE=$(mktemp -d "$TMPFS/mkzim.XXXXXX")
	mkdir "$STAGE/site"
	(cd "$SITE" && find . -type f ! -name '.*' ! -name '*.gz' ! -name '*.br' | LC_ALL=C sort |
		tar --no-recursion -cf - -T -) | tar -C "$STAGE/site" -xf -
else
	echo "mkzim: staging on disk (no tmpfs with room at '$TMPFS'): the ZIM may come out a quarter larger" >&2
	# Hard links when the site is on the same file system, copies otherwise.
	cp -al "$SITE" "$STAGE/site" 2>/dev/null || { rm -rf "$STAGE/site"; cp -a "$SITE" "$STAGE/site"; }
	find "$STAGE/site" \( -name '.*' -o -name '*.gz' -o -name '*.br' \) -type f -delete
fi

# libzim's zstd level (see packaging/zstdlevel.c); empty: libzim's own 19.
ZIM_ZSTD_LEVEL=${ZIM_ZSTD_LEVEL-9}
export ZIM_ZSTD_LEVEL
preload=
if [ -n "$ZIM_ZSTD_LEVEL" ]; then
	${CC:-cc} -shared -fPIC -O2 -o "$ZDIR/zstdlevel.so" "$(dirname "$0")/zstdlevel.c" -ldl
	preload=$ZDIR/zstdlevel.so
fi

start=$(date +%s.%N)
LD_PRELOAD=$preload zimwriterfs --withoutFTIndex --welcome=index.html --illustration=assets/favicon.png \
	--language="$LANG3" --title="$TITLE" --description="$DESCRIPTION" \
	--creator="$TITLE" --publisher=portpages --name="portpages_${LANG1}_all" \
	--scraper=portpages \
	"$STAGE/site" "$ZDIR/out.zim" >"$ZDIR/log" 2>&1 || {
	tail -n 20 "$ZDIR/log" >&2
	exit 1
}
mv "$ZDIR/out.zim" "$OUT"
printf 'mkzim: %s: %s bytes (%.1f MB), %s files, zstd level %s, in %.1f s\n' "$OUT" \
	"$(stat -c %s "$OUT")" "$(echo "$(stat -c %s "$OUT") / 1000000" | bc -l)" \
	"$(find "$STAGE/site" -type f | wc -l)" "${ZIM_ZSTD_LEVEL:-19}" "$(echo "$(date +%s.%N) - $start" | bc)"
