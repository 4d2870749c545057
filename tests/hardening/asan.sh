#!/usr/bin/env bash
# tests/hardening/asan.sh - the generator and the unit tests under ASan+UBSan
#
# Uses tests/build/asan/ (make asan-build): every source compiled by clang
# with -fsanitize=address,undefined -fno-sanitize-recover=all. A run passes
# when it exits as expected and the sanitizers report nothing (leaks
# included: LeakSanitizer runs at exit).
. "$(dirname "$0")/../lib.sh"
A=$ROOT/tests/build/asan
cd "$ROOT" || exit 1
if ! make -s asan-build >"$T/make.log" 2>&1; then
	cat "$T/make.log"
	not_ok "asan: build tests/build/asan"
	exit 0
fi
# Distinct exit codes, so that a sanitizer report is never taken for the
# generator's own "exit 1".
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:exitcode=86:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
export LSAN_OPTIONS=exitcode=86

# clean LOG: 0 if LOG holds no sanitizer report.
clean() {
	! grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:\|SUMMARY: \(Address\|Leak\|UndefinedBehavior\)Sanitizer' "$1"
}

# san NAME WANT CMD...: runs CMD; passes if it exits WANT with no report.
san() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && clean "$T/err"; then
		ok "asan: $name"
	else
		not_ok "asan: $name (exit $rc, wanted $want)"
		grep -m1 -A30 'ERROR: \|runtime error:' "$T/err" || tail -n 5 "$T/err"
	fi
}

P=$A/portpages
O=$T/site
san "build ports 0-2047" 0 "$P" -q -j 2 -t templates -c content -r "$REG" -o "$O" --range 0-2047
san "build ports 6000-6100" 0 "$P" -q -j 2 -t templates -c content -r "$REG" -o "$O" --range 6000-6100
san "build ports 65000-65535" 0 "$P" -q -j 2 -t templates -c content -r "$REG" -o "$O" --range 65000-65535
san "rebuild 65000-65535, nothing changed" 0 "$P" -q -j 2 -t templates -c content -r "$REG" -o "$O" --range 65000-65535
# A --range build writes port pages only: the indexes need a whole build.
san "whole build (indexes, services, search data; small registry)" 0 "$P" -q -j 2 -t templates -c content -r tests/fixtures/small.csv -o "$T/whole"
san "build 0-299 --no-cache, one thread" 0 "$P" -q -j 1 --no-cache -t templates -c content -r "$REG" -o "$T/nocache" --range 0-299
san "build 0-299 --markdown" 0 "$P" -q -j 2 -m -t templates -c content -r "$REG" -o "$T/md" --range 0-299
san "preview port 22" 0 "$P" -q -t templates -c content -r "$REG" -p 22
for f in /usr/share/wireshark/services /etc/services; do
	[ -f "$f" ] || continue
	san "build 0-1023 from $f" 0 "$P" -q -j 2 -t templates -c content -r "$f" -o "$T/svc" --range 0-1023
	break
done

# Hostile data under the sanitizers: every payload of the injection corpus
# in a registry, a note and a site title at once (inject.sh checks the
# output; this checks the code that produced it).
H=$T/hostile
mkdir -p "$H/content/ports"
"$ROOT/tests/hardening/payloads.sh" csv >"$H/reg.csv"
"$ROOT/tests/hardening/payloads.sh" services >"$H/reg.services"
"$ROOT/tests/hardening/payloads.sh" note >"$H/content/ports/22.md"
"$ROOT/tests/hardening/payloads.sh" conf-title script img textarea attr marker >"$H/content/site.conf"
san "hostile CSV registry, note and site.conf" 0 "$P" -q -j 2 -t templates -c "$H/content" -r "$H/reg.csv" -o "$T/h1" --range 0-1100
san "hostile services registry" 0 "$P" -q -j 2 -t templates -c "$H/content" -r "$H/reg.services" -o "$T/h2" --range 0-1100
san "hostile input, --no-cache" 0 "$P" -q -j 2 --no-cache -t templates -c "$H/content" -r "$H/reg.csv" -o "$T/h3" --range 0-1100
printf 'Service Name,Port Number\n' >"$H/empty.csv"
san "registry without entries (error)" 1 "$P" -q -t templates -c content -r "$H/empty.csv" -o "$T/h4"
mkdir -p "$H/eof/ports"
cp tests/fuzz/regress/note/front-matter-closed-at-eof.md "$H/eof/ports/22.md"
san "note whose front matter ends the file" 0 "$P" -q -t templates -c "$H/eof" -r "$REG" -p 22
printf -- '---\ntitle: x\xe2\x80\xaey\n---\n' >"$H/content/ports/23.md"
san "note with a bidi override in its title (error)" 1 "$P" -q -t templates -c "$H/content" -r "$REG" -o "$T/h5"

n=0
for t in tests/unit/test_*.c; do
	[ -f "$t" ] || continue
	b=$A/$(basename "$t" .c)
	n=$((n + 1))
	san "unit $(basename "$b")" 0 "$b"
done
[ "$n" -gt 0 ] || skip "asan: unit tests (none in tests/unit)"
exit 0
