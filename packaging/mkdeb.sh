#!/bin/sh
# packaging/mkdeb.sh VERSION [OUTDIR] - builds portpages_VERSION_ARCH.deb
#
# Run by "make deb". The package's binary must look for its templates in
# /usr/share/portpages, so it is compiled with PREFIX=/usr from a copy of
# the sources in a scratch directory: the working tree's ./portpages and
# src/*.o stay the default build. The copy is staged with
# "make install DESTDIR=... PREFIX=/usr", and DEBIAN/control is filled in
# from packaging/control.in, with Depends computed from the shared
# libraries the binary links (dpkg-shlibdeps, else dpkg -S and dpkg-query).
#
# Environment: MAKE (default make), DEB_MAINTAINER (the Maintainer field),
# SOURCE_DATE_EPOCH (file dates in the package, for reproducible builds).
set -eu
umask 022

VERSION=${1:?usage: packaging/mkdeb.sh VERSION [OUTDIR]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR=$(cd "${2:-$ROOT}" && pwd)
MAKE=${MAKE:-make}
MAINTAINER=${DEB_MAINTAINER:-PortPages maintainers <maintainers@portpages.invalid>}

die() { echo "mkdeb: $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (apt-get install dpkg)"
ARCH=$(dpkg --print-architecture)
DEB=$OUTDIR/portpages_${VERSION}_${ARCH}.deb

W=$(mktemp -d "${TMPDIR:-/tmp}/portpages-deb.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

# A copy of what the build and "make install" read; nothing generated.
B=$W/build
mkdir -p "$B/src" "$B/tests"
cd "$ROOT"
cp Makefile portpages.1 "$B/"
cp src/*.c src/*.h src/*.cc "$B/src/"
cp -R templates content "$B/"
rm -f "$B/content/registry.csv"
for f in tests/*.mk; do
	[ -f "$f" ] && cp "$f" "$B/tests/"
done

# Jobs for the copy's build, unless make already passes its own.
JOBS=
case " ${MAKEFLAGS:-} " in
*j*) ;;
*) JOBS=-j$(nproc 2>/dev/null || echo 1) ;;
esac

# The staged tree sits where dpkg-shlibdeps expects a package's files.
PKG=$W/debian/portpages
echo "mkdeb: building portpages $VERSION with PREFIX=/usr in $B"
"$MAKE" -C "$B" $JOBS PREFIX=/usr portpages
"$MAKE" -C "$B" PREFIX=/usr DESTDIR="$PKG" install
BIN=$PKG/usr/bin/portpages
[ -x "$BIN" ] || die "make install did not stage usr/bin/portpages"
grep -qaF /usr/share/portpages/templates "$BIN" ||
	die "the staged binary does not look in /usr/share/portpages"

# Debian conventions: stripped binary, compressed man page, docs.
if command -v strip >/dev/null; then
	strip --remove-section=.comment --remove-section=.note \
	    --strip-unneeded "$BIN"
fi
gzip -9n "$PKG/usr/share/man/man1/portpages.1"
DOC=$PKG/usr/share/doc/portpages
mkdir -p "$DOC"
for f in README.md README; do
	if [ -f "$ROOT/$f" ]; then
		cp "$ROOT/$f" "$DOC/$f"
		break
	fi
done
for f in LICENSE LICENSE.md COPYING; do
	if [ -f "$ROOT/$f" ]; then
		cp "$ROOT/$f" "$DOC/copyright"
		break
	fi
done
rmdir "$DOC" 2>/dev/null || true
chmod -R u+rwX,go+rX,go-w "$PKG"

# Depends: the packages that hold the libraries the binary links.
depends_shlibdeps() {
	mkdir -p "$PKG/DEBIAN"
	printf 'Source: portpages\n\nPackage: portpages\nArchitecture: any\n' \
	    >"$W/debian/control"
	(cd "$W" && dpkg-shlibdeps -O "debian/portpages/usr/bin/portpages") |
	    sed -n 's/^shlibs:Depends=//p'
}
depends_dpkg() {
	ldd "$BIN" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' |
	while read -r lib; do
		pkg=$(dpkg -S "$lib" 2>/dev/null ||
		    dpkg -S "$(readlink -f "$lib")" 2>/dev/null) || continue
		pkg=${pkg%%:*}
		pkg=${pkg%%,*}
		ver=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null) || continue
		# The upstream part of the installed version is the minimum.
		ver=${ver#*:}
		echo "$pkg (>= ${ver%-*})"
	done | sort -u | paste -sd, - | sed 's/,/, /g'
}
DEPENDS=
if command -v dpkg-shlibdeps >/dev/null; then
	DEPENDS=$(depends_shlibdeps) || DEPENDS=
fi
[ -n "$DEPENDS" ] || DEPENDS=$(depends_dpkg)
[ -n "$DEPENDS" ] || die "could not work out Depends for $BIN"
rm -f "$W/debian/control"

SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
mkdir -p "$PKG/DEBIAN"
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" \
    -e "s|@MAINTAINER@|$MAINTAINER|" -e "s|@INSTALLED_SIZE@|$SIZE|" \
    -e "s|@DEPENDS@|$DEPENDS|" "$ROOT/packaging/control.in" \
    >"$PKG/DEBIAN/control"
chmod 644 "$PKG/DEBIAN/control"

dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB.tmp" >/dev/null
mv "$DEB.tmp" "$DEB"
echo "mkdeb: wrote $DEB"
echo "mkdeb: Depends: $DEPENDS"
