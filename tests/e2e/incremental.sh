#!/usr/bin/env bash
# tests/e2e/incremental.sh - regenerating: deterministic, only what changed, atomic, safe, watched
. "$(dirname "$0")/../lib.sh"

cp -r "$ROOT/templates" "$T/tpl"
gen() { "$PP" -t "$T/tpl" -c "$ROOT/content" -r "$REG" "$@"; }

gen -q -o "$T/a" && gen -q -o "$T/b"
check "two fresh builds are byte-identical (diff -r)" diff -r "$T/a" "$T/b"
SOURCE_DATE_EPOCH=1700000000 gen -q -o "$T/c" --range 0-99
check "SOURCE_DATE_EPOCH puts its date on pages, else no date" \
	bash -c "grep -q '2023-11-14' '$T/c/port/22.html' && ! grep -rq '2023-11-14' '$T/a/port/22.html'"

# One fixed time for every file: "-2 minutes" would differ between touch processes.
touch -d "@$(($(date +%s) - 60))" "$T/marker"
find "$T/a" -exec touch -d "@$(($(date +%s) - 120))" {} +
out=$(gen -o "$T/a")
check "no-op rebuild writes 0 files: $out" grep -q ' 0 written, ' <<<"$out"
check "no-op rebuild leaves every mtime unchanged" test -z "$(find "$T/a" -newer "$T/marker" -type f)"

# Edit a variant that only some ports use: exactly the pages whose bytes change are written.
echo "An extra sentence for some ports." >>"$T/tpl/sections/60-why.2.md"
gen -q -o "$T/fresh"
changed=$(cd "$T/a" && diff -rq . "$T/fresh" 2>/dev/null | grep -v '/\.portpages-' | awk '{print $2}' | sed 's|^\./||' | sort)
out=$(gen -o "$T/a")
written=$(find "$T/a" -newer "$T/marker" -type f ! -name '.portpages-*' -printf '%P\n' | sort)
n=$(wc -l <<<"$changed")
check "one variant edited: $n pages differ, $out" test "$n" -gt 1000 -a "$n" -lt 60000
check "exactly the pages whose output changed were rewritten" test "$changed" = "$written"
check "and the tree equals a fresh build" diff -r "$T/a" "$T/fresh"

# Stale files go; files the generator never wrote stay.
echo mine >"$T/a/owner-file.txt"
gen -q -o "$T/a" --range 0-99
check "a partial build keeps other pages" test -f "$T/a/port/65535.html"
mv "$T/tpl/layouts/search.html" "$T/search.html"
sed -i 's/lay_search_never//' "$T/search.html"
mv "$T/search.html" "$T/tpl/layouts/search.html"
gen -q -o "$T/a"
check "files the generator did not write are left alone" test -f "$T/a/owner-file.txt"

# Template errors: file and line, non-zero, the published site byte-identical.
snapshot() { (cd "$T/a" && find . -type f -printf '%P %s %T@\n' | sort | md5sum); }
before=$(snapshot)
template_error() {
	local name=$1 file=$2 text=$3 pat=$4
	cp "$T/tpl/$file" "$T/saved" 2>/dev/null || : >"$T/saved"
	printf '%s' "$text" >>"$T/tpl/$file"
	gen -q -o "$T/a" 2>"$T/err"
	local rc=$?
	if [ -s "$T/saved" ]; then cp "$T/saved" "$T/tpl/$file"; else rm -f "$T/tpl/$file"; fi
	if [ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qE "$pat" "$T/err" &&
		[ "$(snapshot)" = "$before" ]; then
		ok "$name"
	else
		not_ok "$name (exit $rc: $(cat "$T/err"))"
	fi
}
template_error "broken template: file:line, site unchanged" sections/30-uses.md \
	$'\n{{#IS_ZERO}}\n' "^portpages: $T/tpl/sections/30-uses.md:[0-9]+: \{\{#IS_ZERO\}\} is never closed"
template_error "unknown marker: file:line, site unchanged" sections/40-check.md \
	$'\n\n{{NO_SUCH_THING}}\n' "^portpages: $T/tpl/sections/40-check.md:[0-9]+: unknown marker \{\{NO_SUCH_THING\}\}"
template_error "missing include: file:line, site unchanged" layouts/port.html \
	$'{{>nowhere}}\n' "^portpages: $T/tpl/layouts/port.html:[0-9]+: missing include \{\{>nowhere\}\}"
template_error "a value used outside the section it is set in: file:line, site unchanged" sections/60-why.1.md \
	$'\n\nThe first name: {{A_SERVICE}}.\n' "^portpages: $T/tpl/sections/60-why.1.md:6: \{\{A_SERVICE\}\} is set only inside \{\{#A_HAS_SERVICE\}\}, so here it would always be empty"
n=$(($(wc -l <"$T/tpl/layouts/index.html") + 1))
template_error "a port page's value in the home page's layout: file:line, site unchanged" layouts/index.html \
	$'<p>{{PORT}}</p>\n' "^portpages: $T/tpl/layouts/index.html:$n: \\{\\{PORT\\}\\} is set only in port pages, so here it would always be empty"

# kill -9 at random moments: never a truncated page; the next build completes the site.
complete_pages() {
	python3 - "$1" <<'PY'
import os, sys
bad = 0
# One open, fstat and pread a page: 20 rounds over 65,536 pages add up.
for e in os.scandir(sys.argv[1] + '/port'):
    if e.name.startswith('.'):
        continue  # a temporary file, never a page; the next build sweeps it
    fd = os.open(e.path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size < 100 or os.pread(fd, 8, size - 8) != b'</html>\n':
            bad += 1
    finally:
        os.close(fd)
sys.exit(1 if bad else 0)
PY
}
K=$T/kill
gen -q -o "$K"
truncated=0
for i in $(seq 1 20); do
	# Alternate two versions of a section, so that every build rewrites pages.
	if [ $((i % 2)) -eq 1 ]; then echo "Kill round $i." >>"$T/tpl/sections/50-security.md"; fi
	"$PP" -t "$T/tpl" -c "$ROOT/content" -r "$REG" -q -o "$K" &
	pid=$!
	sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	complete_pages "$K" || truncated=$((truncated + 1))
done
check "20 builds killed with -9: no page ever truncated or empty ($truncated bad)" test $truncated -eq 0
gen -q -o "$K"
gen -q -o "$T/clean"
check "after the kills, one build makes the tree identical to a clean build" diff -r "$K" "$T/clean"
check "no temporary files left behind" test -z "$(find "$K" -name '.portpages-tmp-*')"

# Watch: an edit shows within 2 seconds; SIGTERM stops it cleanly. On the
# first 1,024 ports, so that the bound is the watcher's and not the speed of
# a full rebuild (make bench measures that), which on a busy two-core
# machine took just over 2 s.
W=$T/w
"$PP" -t "$T/tpl" -c "$ROOT/content" -r "$REG" -o "$W" --range 0-1023 --watch >"$T/watch.log" 2>&1 &
wpid=$!
wait_until 10 grep -q ' written, ' "$T/watch.log"
echo "Watched edit marker." >>"$T/tpl/sections/40-check.md"
t0=$(date +%s.%N)
seen=0
wait_until 2 grep -qs "Watched edit marker" "$W/port/22.html" && seen=1
t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc 2>/dev/null || python3 -c "print($t1 - $t0)")
check "watch: an edited template shows on the page within 2 s (${secs} s)" test $seen -eq 1
kill -TERM $wpid
wait $wpid
rc=$?
check "watch: SIGTERM stops it cleanly (exit $rc)" bash -c "[ $rc -eq 0 ] && grep -q 'stopped watching' '$T/watch.log'"

# The program is an input: another portpages binary re-renders, the same one
# does not. The stamp is the hash of a finished build's inputs; a no-op
# keeps it and every mtime.
cp "$PP" "$T/pp1"
cp "$PP" "$T/pp2" && printf 'another build' >>"$T/pp2"
B=$T/bin
"$T/pp1" -q -t "$T/tpl" -c "$ROOT/content" -r "$REG" -o "$B" --range 0-99
stamp=$(cat "$B/.portpages-stamp")
touch -d "@$(($(date +%s) - 60))" "$T/marker2"
find "$B" -exec touch -d "@$(($(date +%s) - 120))" {} +
out=$("$T/pp1" -t "$T/tpl" -c "$ROOT/content" -r "$REG" -o "$B" --range 0-99)
check "the same binary on the same inputs is a no-op: $out" \
	bash -c "[ '$(cat "$B/.portpages-stamp")' = '$stamp' ] && [ -z \"\$(find '$B' -newer '$T/marker2')\" ]"
out=$("$T/pp2" -t "$T/tpl" -c "$ROOT/content" -r "$REG" -o "$B" --range 0-99)
check "a different binary (any change to the program) renders again: $out" \
	bash -c "[ '$(cat "$B/.portpages-stamp")' != '$stamp' ]"

# A no-op looks at directories, not at every page: a directory whose ctime
# is after the manifest's has its files checked one by one. So a page
# removed, or a directory moved in (even with its mtimes set back), is
# noticed; a page edited in place is not, until the stamp is removed.
S=$T/settle
gen -q -o "$S" --range 0-99
cp -a "$S" "$T/settle-ref"
sleep 0.05 # past a coarse clock's tick, where the kernel has one
out=$(gen -o "$S" --range 0-99)
check "no-op with every directory as the build left it: $out" grep -q ' 0 written, ' <<<"$out"
# The next build writes exactly one page, $2, and it is as built first.
one_written() {
	out=$(gen -o "$S" --range 0-99)
	check "$1: $out" bash -c \
		"grep -q ' 1 written, ' <<<'$out' && cmp -s '$S/$2' '$T/settle-ref/$2'"
}
rm "$S/port/80.html"
one_written "a page removed after a build is written again" port/80.html
cp -a "$S/port" "$T/port.new"
echo "edited" >>"$T/port.new/22.html"
touch -r "$S/port/22.html" "$T/port.new/22.html"
touch -r "$S/port" "$T/port.new"
rm -rf "$S/port" && mv "$T/port.new" "$S/port"
one_written "a directory moved into place, mtimes set back, is checked page by page" port/22.html
sleep 0.05
printf 'x' >>"$S/port/23.html"
out=$(gen -o "$S" --range 0-99)
check "a page edited in place is left to a build without the stamp: $out" grep -q ' 0 written, ' <<<"$out"
rm "$S/.portpages-stamp"
one_written "without the stamp every page is checked, the edited one restored" port/23.html
check "and the tree is as built first" diff -r -x '.portpages-*' "$S" "$T/settle-ref"
