#!/usr/bin/env bash
# tests/e2e/install.sh - make install/uninstall, init, exit codes, the
# option table against --help and the man page, make deb
. "$(dirname "$0")/../lib.sh"

VERSION=$(sed -n 's/^VERSION = //p' "$ROOT/Makefile")
STAGE=$T/stage
P=$STAGE/usr/local
SPP=$P/bin/portpages
DATA=$P/share/portpages

# --- make install -----------------------------------------------------------
if make -C "$ROOT" install DESTDIR="$STAGE" PREFIX=/usr/local >"$T/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr/local"
else
	not_ok "make install DESTDIR=... PREFIX=/usr/local"
	sed 's/^/# /' "$T/install.log"
fi
check "install: the binary is in bin/ and executable" test -x "$SPP"
check "install: the man page is in share/man/man1/" \
	test -f "$P/share/man/man1/portpages.1"
check "install: templates (sections, layouts, partials, assets)" \
	test -d "$DATA/templates/sections" -a -d "$DATA/templates/layouts" \
	-a -d "$DATA/templates/partials" -a -d "$DATA/templates/assets"
check "install: content/site.conf and the notes" \
	test -f "$DATA/content/site.conf" -a -d "$DATA/content/ports"
check "install: no content/registry.csv" test ! -e "$DATA/content/registry.csv"
check "install: every template file is installed" \
	diff -rq "$ROOT/templates" "$DATA/templates"
check "install: the binary looks for /usr/local/share/portpages" \
	grep -qaF /usr/local/share/portpages/templates "$SPP"
check "install: files are world-readable" \
	test -z "$(find "$STAGE" -type f ! -perm -444)"
check "installed binary: --version prints $VERSION" \
	test "$("$SPP" --version 2>&1)" = "portpages $VERSION"

# --- init -------------------------------------------------------------------
# From the installed data directory, init copies what a PREFIX install
# would give it: ./templates and ./content.
NEW=$T/newsite
out=$(cd "$DATA" && "$SPP" init "$NEW" 2>&1)
rc=$?
check "init: exit 0" test "$rc" -eq 0
check "init: creates templates/ and content/ with site.conf" \
	test -d "$NEW/templates/sections" -a -d "$NEW/templates/layouts" \
	-a -f "$NEW/content/site.conf"
check "init: copies every template" diff -rq "$DATA/templates" "$NEW/templates"
if grep -qF "cd $NEW && portpages" <<<"$out" && grep -q -- --watch <<<"$out"; then
	ok "init: prints the next commands"
else
	not_ok "init: prints the next commands (got: $out)"
fi

FULL=$T/full
mkdir -p "$FULL"
echo keep >"$FULL/notes.txt"
listing() { find "$1" -printf '%p %M %s %T@\n' | sort; }
before=$(listing "$FULL")
(cd "$DATA" && "$SPP" init "$FULL") >/dev/null 2>"$T/init.err"
rc=$?
check "init: refuses a non-empty directory (exit 1)" test "$rc" -eq 1
check "init: says why" grep -q "not empty" "$T/init.err"
check "init: leaves a non-empty directory as it was" \
	test "$before" = "$(listing "$FULL")"
(cd "$DATA" && "$SPP" init "$NEW") >/dev/null 2>&1
check "init: refuses the site it just made" test $? -eq 1

# --- build inside the new site ----------------------------------------------
(cd "$NEW" && "$SPP" -q -r "$REG") >"$T/build.log" 2>&1
rc=$?
check "new site: builds (exit 0)" test "$rc" -eq 0
check "new site: site/ has index, port 0 and 65535, assets" \
	test -f "$NEW/site/index.html" -a -f "$NEW/site/port/0.html" \
	-a -f "$NEW/site/port/65535.html" -a -f "$NEW/site/assets/style.css"
(cd "$NEW" && "$SPP" -q --range 0-99 -r "$REG" -o "$T/partial") >>"$T/build.log" 2>&1
check "new site: --range 0-99 writes ports 0-99 only" \
	test -f "$T/partial/port/99.html" -a ! -e "$T/partial/port/100.html" -a ! -e "$T/partial/index.html"
check "new site: the manifest and stamp are written" \
	test -f "$NEW/site/.portpages-manifest" -a -f "$NEW/site/.portpages-stamp"
check "new site: nothing written outside site/" \
	test "$(cd "$NEW" && ls | tr '\n' ' ')" = "content site templates "

# --- make uninstall ---------------------------------------------------------
make -C "$ROOT" uninstall DESTDIR="$STAGE" PREFIX=/usr/local >"$T/uninstall.log" 2>&1
check "make uninstall: exit 0" test $? -eq 0
left=$(find "$STAGE" ! -type d)
check "make uninstall: removes every installed file${left:+ (left: $left)}" \
	test -z "$left"
check "make uninstall: removes share/portpages" test ! -e "$DATA"

# --- exit codes -------------------------------------------------------------
"$PP" -q -r "$REG" -c "$ROOT/content" -t "$ROOT/templates" -o "$T/x0" \
	--range 0-9 >/dev/null 2>&1
check "exit 0: a build" test $? -eq 0
"$PP" -q -r "$REG" -c "$ROOT/content" -t "$T/no-such-templates" -o "$T/x1" \
	--range 0-9 >/dev/null 2>&1
check "exit 1: a missing templates directory" test $? -eq 1
printf 'not a registry\n' >"$T/bad.csv"
"$PP" -q -r "$T/bad.csv" -c "$ROOT/content" -t "$ROOT/templates" \
	-o "$T/x2" --range 0-9 >/dev/null 2>&1
check "exit 1: a bad registry" test $? -eq 1
"$PP" -q -r "$T/no-such-registry.csv" -c "$ROOT/content" -t "$ROOT/templates" \
	-o "$T/x3" --range 0-9 >/dev/null 2>&1
check "exit 1: a missing registry" test $? -eq 1
"$PP" --no-such-option >/dev/null 2>&1
check "exit 2: an unknown option" test $? -eq 2
"$PP" --port 70000 >/dev/null 2>&1
check "exit 2: --port 70000" test $? -eq 2

# --- the option table against --help and the man page -----------------------
# Every { "name", has_arg, NULL, 'c' } row of longopts in src/main.c.
rows=$(awk '/struct option longopts\[\]/ { on = 1; next }
	on && /^};/ { exit }
	on' "$ROOT/src/main.c" |
	sed -n 's/^[[:space:]]*{ *"\([^"]*\)", *[a-z_]*, *NULL, *\(.*\) *}.*/\1 \2/p')
nopts=$(wc -l <<<"$rows")
check "longopts: $nopts options found in src/main.c" test "$nopts" -ge 10
help=$("$PP" --help 2>&1)
man_text() {
	if command -v mandoc >/dev/null; then
		mandoc -T ascii "$ROOT/portpages.1" | sed 's/.\x08//g'
	elif command -v groff >/dev/null; then
		groff -mandoc -T ascii -P -cbou "$ROOT/portpages.1"
	else
		# Neither formatter: approximate the text from the mdoc source.
		sed -e 's/\\-/-/g' -e 's/ Ar \([a-z]*\)/ \1/g' -e 's/ , /, /g' \
		    -e 's/^\.\(It \)\{0,1\}Fl /-/' -e 's/ Fl / -/g' \
		    -e 's/ Ns = Ns /=/g' -e 's/^\.It Nm Cm init /portpages init /' \
		    "$ROOT/portpages.1"
	fi
}
man=$(man_text)
while read -r name short; do
	[ -n "$name" ] || continue
	if grep -qE -- "--$name([^a-z-]|\$)" <<<"$help"; then
		ok "--help lists --$name"
	else
		not_ok "--help lists --$name"
	fi
	if grep -qE -- "--$name([^a-z-]|\$)" <<<"$man"; then
		ok "portpages.1 documents --$name"
	else
		not_ok "portpages.1 documents --$name"
	fi
	# A short form 'x' must be shown next to its long form in both.
	case $short in
	"'"?"'")
		c=${short:1:1}
		check "--help pairs -$c with --$name" \
			grep -qE -- "-$c, --$name" <<<"$help"
		check "portpages.1 pairs -$c with --$name" \
			grep -qE -- "-$c( [a-z]+)?, --$name" <<<"$man"
		;;
	esac
done <<<"$rows"
check "portpages.1 documents init DIR" grep -qE "portpages init dir" <<<"$man"
for s in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	check "portpages.1 has $s" grep -q "^$s" <<<"$man"
done
check "portpages.1 documents SOURCE_DATE_EPOCH" grep -q SOURCE_DATE_EPOCH <<<"$man"

if command -v mandoc >/dev/null; then
	lint=$(mandoc -T lint -W warning "$ROOT/portpages.1" 2>&1)
	check "mandoc -T lint -W warning portpages.1: clean${lint:+ ($lint)}" \
		test -z "$lint"
else
	skip "mandoc -T lint (mandoc is not installed: apt-get install mandoc)"
fi
if command -v groff >/dev/null; then
	warn=$(groff -ww -z -mandoc "$ROOT/portpages.1" 2>&1)
	check "groff -ww -mandoc portpages.1: no warnings${warn:+ ($warn)}" \
		test -z "$warn"
else
	skip "groff -ww (groff is not installed)"
fi

# --- make deb ---------------------------------------------------------------
if ! command -v dpkg-deb >/dev/null; then
	skip "make deb (dpkg-deb is not installed: not a Debian system?)"
	exit 0
fi
sum=$(md5sum <"$PP")
ARCH=$(dpkg --print-architecture)
DEB=$T/portpages_${VERSION}_$ARCH.deb
if make -C "$ROOT" deb DEBDIR="$T" >"$T/deb.log" 2>&1 && [ -f "$DEB" ]; then
	ok "make deb: builds portpages_${VERSION}_$ARCH.deb"
else
	not_ok "make deb: builds portpages_${VERSION}_$ARCH.deb"
	sed 's/^/# /' "$T/deb.log" | tail -20
	exit 0
fi
check "make deb: leaves ./portpages as it was" test "$(md5sum <"$PP")" = "$sum"
info=$(dpkg-deb --info "$DEB")
depends=$(sed -n 's/^ *Depends: //p' <<<"$info")
echo "# Depends: $depends"
for lib in libcmark libctemplate libcsv libinih libxxhash libc6 'libstdc\+\+6'; do
	check "deb: Depends has ${lib//\\/}" \
		grep -qE "(^|, )$lib[^,]* \(>= " <<<"$depends"
done
check "deb: Recommends libwireshark-data" \
	grep -qE '^ *Recommends:.*libwireshark-data' <<<"$info"
check "deb: Version $VERSION, Architecture $ARCH" \
	grep -q "^ *Version: $VERSION\$" <<<"$info"
for f in Maintainer Description Section Priority Installed-Size; do
	check "deb: control has $f" grep -q "^ *$f: ." <<<"$info"
done
X=$T/deb
dpkg-deb -x "$DEB" "$X"
check "deb: unpacks (dpkg-deb -x)" test -x "$X/usr/bin/portpages"
check "deb: man page is usr/share/man/man1/portpages.1.gz" \
	test -f "$X/usr/share/man/man1/portpages.1.gz"
check "deb: the man page names /usr/share/portpages, not /usr/local" \
	test "$(zcat "$X/usr/share/man/man1/portpages.1.gz" |
	    grep -c -e /usr/share/portpages -e /usr/local)" -gt 0 -a \
	"$(zcat "$X/usr/share/man/man1/portpages.1.gz" | grep -c /usr/local)" -eq 0
check "deb: no content/registry.csv" \
	test ! -e "$X/usr/share/portpages/content/registry.csv"
check "deb: the binary looks in /usr/share/portpages" \
	grep -qaF /usr/share/portpages/templates "$X/usr/bin/portpages"
check "deb: the unpacked binary runs --version" \
	test "$("$X/usr/bin/portpages" --version 2>&1)" = "portpages $VERSION"
"$X/usr/bin/portpages" -q --range 0-9 -t "$X/usr/share/portpages/templates" \
	-c "$X/usr/share/portpages/content" -r "$REG" -o "$T/debsite" \
	>"$T/debsite.log" 2>&1
check "deb: the unpacked binary builds ports 0-9" \
	test $? -eq 0 -a -f "$T/debsite/port/9.html" -a ! -e "$T/debsite/port/10.html"
