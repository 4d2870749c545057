#!/usr/bin/env bash
# tests/hardening/faults.sh - failures around the generator while it builds
#
# Output directory read-only (bind mount, unprivileged user, immutable
# file and directory), things in the way (a file where a directory goes, a
# directory where a page goes, a symlink in place of a page, an output path
# that is a file), disk full (a small tmpfs; ulimit -f without mount), the
# registry deleted or truncated mid-build, SIGINT/SIGTERM (and SIGKILL) at
# random moments. For each: a one-line "portpages: ..." error and exit 1
# (or success where the build could finish), never a signal death; every
# page in the output is byte for byte the old or the new version of itself
# (reference builds A and B), none is lost; no .portpages-tmp-* file is
# left behind; and the next build recovers to exactly build B.
#
# Runs as root (mounts, chattr, setpriv); what the machine does not allow
# is skipped with a message.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1
export LC_ALL=C
RANGE=${FAULTS_RANGE:-0-4095}
chmod 755 "$T"
# Whatever happens, no mount or immutable file outlives the test.
trap 'umount "$T/full" 2>/dev/null; umount "$T/w" 2>/dev/null
	chattr -R -i "$T" 2>/dev/null; rm -rf "$T"' EXIT

# Content A and B differ in the site title, so that every page differs,
# and B's pages are about 1 KB larger (its title, on every page several
# times, and a footer are long): replacing A with B needs more room.
long=$(printf 'every TCP and UDP port, %.0s' $(seq 6))
for v in A B; do
	mkdir -p "$T/content$v"
	cp -R content/. "$T/content$v/"
	printf '[site]\ntitle = Site %s\n' "$v" >"$T/content$v/site.conf"
done
printf '[site]\ntitle = Site B, %s\nfooter = %s\n' "$long" "$long" >"$T/contentB/site.conf"
chmod -R go+rX "$T/contentA" "$T/contentB"

JOBS=${FAULTS_JOBS:-2}

# pp V OUT [ARGS...]: builds content V into OUT.
pp() {
	local v=$1 out=$2
	shift 2
	"$PP" -q -j "$JOBS" -t templates -c "$T/content$v" -r "$REG" -o "$out" --range "$RANGE" "$@"
}
# ppbg V OUT: the same in the background, $! being the generator itself
# (a function in the background would be a subshell: signals sent to $!
# would never reach the generator).
ppbg() {
	"$PP" -q -j "$JOBS" -t templates -c "$T/content$1" -r "$REG" -o "$2" --range "$RANGE" 2>"$T/err" &
}

t0=$(date +%s.%N)
pp B "$T/refB"
rc=$?
tb=$(echo "$(date +%s.%N) - $t0" | bc)
# Everything below compares pages byte for byte: the same inputs must give
# the same bytes, whatever the threads do. Two whole builds on $JOBS
# threads against one on a single thread; if they differ, that is
# reported and the rest runs on one thread.
"$PP" -q -j 1 -t templates -c "$T/contentB" -r "$REG" -o "$T/det1"
for i in 2 3; do
	"$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$REG" -o "$T/det$i"
	diff -rq -x '.portpages-*' "$T/det1" "$T/det$i" >>"$T/ddet" 2>&1
done
if [ ! -s "$T/ddet" ]; then
	ok "faults: whole builds on 1 and $JOBS threads write the same bytes"
else
	not_ok "faults: builds of the same inputs differ ($(wc -l <"$T/ddet") files, -j $JOBS vs -j 1): $(head -n 2 "$T/ddet" | sed "s|$T/||g" | tr '\n' ' ')"
	JOBS=1
	pp B "$T/refB"
	rc=$?
fi
rm -rf "$T/det1" "$T/det2" "$T/det3"
pp A "$T/refA" || rc=1
if [ $rc -ne 0 ] || [ ! -f "$T/refB/port/80.html" ]; then
	not_ok "faults: reference builds A and B"
	exit 0
fi
if cmp -s "$T/refA/port/80.html" "$T/refB/port/80.html"; then
	not_ok "faults: builds A and B should differ on every page"
	exit 0
fi

# one_line FILE: FILE holds exactly one line, a portpages error.
one_line() {
	[ "$(wc -l <"$1")" -eq 1 ] && grep -q '^portpages: ' "$1"
}

# outcome RC ERR: "" if RC/ERR are a clean result (0 and silent, or 1 with
# one line), else what is wrong.
outcome() {
	local rc=$1 err=$2
	if [ "$rc" -ge 128 ]; then
		echo "killed by signal $((rc - 128))"
	elif [ "$rc" -eq 0 ]; then
		[ -s "$err" ] && echo "exit 0 but stderr: $(head -c 200 "$err")"
	elif [ "$rc" -eq 1 ]; then
		one_line "$err" || echo "exit 1 without a one-line error: $(head -c 300 "$err")"
	else
		echo "exit status $rc: $(head -c 200 "$err")"
	fi
}

# intact DIR: every file in DIR is its version in refA or in refB, no page
# of refA is gone, and no temporary file is left. Prints what is wrong.
intact() {
	local d=$1
	diff -rq -x '.portpages-*' "$d" "$T/refA" >"$T/dA" 2>&1
	diff -rq -x '.portpages-*' "$d" "$T/refB" >"$T/dB" 2>&1
	# Names that differ from A (or exist only in DIR), and the same for B.
	sed -n "s|^Files $d/\(.*\) and .* differ\$|\1|p; s|^Only in $d/*\([^:]*\): \(.*\)|\1/\2|p" "$T/dA" |
		sed 's|^/||' | sort >"$T/nA"
	sed -n "s|^Files $d/\(.*\) and .* differ\$|\1|p; s|^Only in $d/*\([^:]*\): \(.*\)|\1/\2|p" "$T/dB" |
		sed 's|^/||' | sort >"$T/nB"
	comm -12 "$T/nA" "$T/nB" | head -3 | sed 's/^/neither old nor new: /'
	grep "^Only in $T/refA" "$T/dA" | head -3 | sed 's/^/lost: /'
	find "$d" -name '.portpages-tmp-*' | head -3 | sed 's/^/temporary file left: /'
}

# recovers DIR: the next build of B makes DIR exactly refB, and leaves
# no temporary file.
recovers() {
	pp B "$1" 2>"$T/rec.err" &&
		diff -rq -x '.portpages-*' "$1" "$T/refB" >/dev/null 2>&1 &&
		[ -z "$(find "$1" -name '.portpages-tmp-*')" ]
}

# fault NAME DIR RC ERR [WANT_RC]: the usual verdict.
fault() {
	local name=$1 d=$2 rc=$3 err=$4 want=${5:-} bad
	bad=$(outcome "$rc" "$err")
	if [ -z "$bad" ] && [ -n "$want" ] && [ "$rc" -ne "$want" ]; then
		bad="exit $rc, expected $want: $(head -c 200 "$err")"
	fi
	[ -z "$bad" ] && [ -d "$d" ] && bad=$(intact "$d")
	if [ -z "$bad" ]; then
		ok "faults: $name (exit $rc${want:+, }$(head -c 90 "$err" | sed "s|$T/||g"))"
	else
		not_ok "faults: $name: $bad"
	fi
}

W=$T/w
fresh() {
	rm -rf "$W"
	cp -a "$T/refA" "$W"
}

## Read-only output directory.
fresh
if mount --bind "$W" "$W" 2>/dev/null; then
	if mount -o remount,bind,ro "$W" 2>/dev/null; then
		pp B "$W" 2>"$T/err"
		rc=$?
		fault "read-only bind mount" "$W" $rc "$T/err" 1
		if ! diff -rq "$W" "$T/refA" >/dev/null; then
			not_ok "faults: read-only bind mount: the output changed"
		fi
	else
		skip "faults: read-only bind mount (remount ro not permitted)"
	fi
	umount "$W"
else
	skip "faults: read-only bind mount (mount --bind not permitted)"
fi

fresh
if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$REG" -o "$W" --range "$RANGE" 2>"$T/err"
	rc=$?
	fault "output not writable by an unprivileged user" "$W" $rc "$T/err" 1
else
	skip "faults: output not writable by an unprivileged user (setpriv cannot drop to uid 65534)"
fi

fresh
if chattr +i "$W/port/100.html" 2>/dev/null; then
	pp B "$W" 2>"$T/err"
	rc=$?
	chattr -i "$W/port/100.html"
	fault "an immutable page" "$W" $rc "$T/err" 1
	cmp -s "$W/port/100.html" "$T/refA/port/100.html" ||
		not_ok "faults: an immutable page: it changed"
	if recovers "$W"; then ok "faults: an immutable page: the next build recovers"; else not_ok "faults: an immutable page: no recovery"; fi
	fresh
	chattr +i "$W/port"
	pp B "$W" 2>"$T/err"
	rc=$?
	chattr -i "$W/port"
	fault "an immutable port/ directory" "$W" $rc "$T/err" 1
else
	skip "faults: immutable page and directory (chattr +i not supported here)"
fi

## Things in the way.
rm -rf "$W"
mkdir -p "$W"
echo "not a directory" >"$W/port"
pp B "$W" 2>"$T/err"
rc=$?
fault "a file named port in the output directory" "" $rc "$T/err" 1
[ "$(cat "$W/port")" = "not a directory" ] || not_ok "faults: the file named port was changed"

fresh
rm -f "$W/port/100.html"
mkdir -p "$W/port/100.html"
echo keep >"$W/port/100.html/keep"
pp B "$W" 2>"$T/err"
rc=$?
bad=$(outcome $rc "$T/err")
[ $rc -eq 1 ] || bad="$bad exit $rc, expected 1;"
[ "$(cat "$W/port/100.html/keep" 2>/dev/null)" = keep ] || bad="$bad the directory in the way was moved or changed;"
[ -z "$(find "$W" -name '.portpages-tmp-*')" ] || bad="$bad left: $(cd "$W" && find . -name '.portpages-tmp-*' | head -2 | tr '\n' ' ')"
if [ -z "$bad" ]; then ok "faults: a directory where port/100.html goes ($(sed "s|$T/||g" "$T/err" | head -c 90))"; else not_ok "faults: a directory where port/100.html goes: $bad"; fi

fresh
echo "victim" >"$T/victim"
rm -f "$W/port/80.html"
ln -s "$T/victim" "$W/port/80.html"
pp B "$W" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/victim")" = victim ] && [ ! -L "$W/port/80.html" ] &&
	cmp -s "$W/port/80.html" "$T/refB/port/80.html"; then
	ok "faults: a symlink in place of a page is replaced, its target untouched"
else
	not_ok "faults: a symlink in place of a page (exit $rc, target: $(head -c 40 "$T/victim"))"
fi

echo "a file" >"$T/afile"
pp B "$T/afile" 2>"$T/err"
rc=$?
fault "the output path is a regular file" "" $rc "$T/err" 1
pp B "$T/missing/deeper/site" 2>"$T/err"
rc=$?
fault "the output directory's parent is missing" "" $rc "$T/err" 1

## Disk full.
M=$T/full
mkdir -p "$M"
if mount -t tmpfs -o size=5m tmpfs "$M" 2>/dev/null; then
	pp B "$M/site" 2>"$T/err"
	rc=$?
	bad=$(outcome $rc "$T/err")
	[ $rc -eq 1 ] && grep -q 'No space left on device' "$T/err" || bad="$bad exit $rc: $(head -c 200 "$T/err")"
	# A fresh build: whatever was published must be build B's bytes.
	for f in $(cd "$M/site" && find . -type f ! -name '.portpages-*' | head -2000); do
		cmp -s "$M/site/$f" "$T/refB/$f" || { bad="$bad truncated or wrong: $f"; break; }
	done
	[ -z "$(find "$M/site" -name '.portpages-tmp-*')" ] || bad="$bad temporary files left"
	if [ -z "$bad" ]; then ok "faults: disk full (5 MB tmpfs), fresh build ($(head -c 90 "$T/err" | sed "s|$T/||g"))"; else not_ok "faults: disk full, fresh build: $bad"; fi
	umount "$M"
	# Replacing pages on a full disk: A is there, B does not fit.
	size=$(du -sk "$T/refA" | cut -f1)
	if mount -t tmpfs -o size=$((size + 4096))k tmpfs "$M" 2>/dev/null; then
		cp -a "$T/refA" "$M/site"
		dd if=/dev/zero of="$M/filler" bs=64k 2>/dev/null
		rm -f "$M/filler"
		dd if=/dev/zero of="$M/filler" bs=1k count=$(($(df -k --output=avail "$M" | tail -1) - 48)) 2>/dev/null
		pp B "$M/site" 2>"$T/err"
		rc=$?
		fault "disk full while replacing pages" "$M/site" $rc "$T/err" 1
		rm -f "$M/filler"
		if recovers "$M/site"; then ok "faults: disk full: once there is room, the next build recovers"; else not_ok "faults: disk full: no recovery ($(head -c 200 "$T/rec.err"))"; fi
		umount "$M"
	else
		skip "faults: disk full while replacing pages (cannot mount a tmpfs of ${size} KB)"
	fi
else
	# No mount: a file size limit stands in (SIGXFSZ ignored: write fails).
	rm -rf "$W"
	(trap '' XFSZ; ulimit -f 64; exec "$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$REG" -o "$W" --range "$RANGE") 2>"$T/err"
	rc=$?
	fault "file size limit (ulimit -f, no tmpfs mount allowed)" "" $rc "$T/err" 1
	[ -z "$(find "$W" -name '.portpages-tmp-*')" ] || not_ok "faults: file size limit: temporary files left"
fi

## The registry vanishes or shrinks while the build runs.
R=$T/vanish.csv
cp "$REG" "$R"
"$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$R" -o "$T/refV" --range "$RANGE" 2>/dev/null
for d in 0.01 0.1 1.0; do
	cp "$REG" "$R"
	rm -rf "$W"
	"$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$R" -o "$W" --range "$RANGE" 2>"$T/err" &
	pid=$!
	sleep "$d"
	rm -f "$R"
	wait $pid
	rc=$?
	bad=$(outcome $rc "$T/err")
	if [ -z "$bad" ] && [ -d "$W" ]; then
		# Finished: the pages of the registry as it was read.
		for f in $(cd "$W" && find . -type f ! -name '.portpages-*' | shuf -n 300 --random-source=<(yes)); do
			cmp -s "$W/$f" "$T/refV/$f" || { bad="$bad differs from the registry's pages: $f"; break; }
		done
		[ -z "$(find "$W" -name '.portpages-tmp-*')" ] || bad="$bad temporary files left"
	fi
	if [ -z "$bad" ]; then ok "faults: registry deleted after ${d}s (exit $rc$(head -c 80 "$T/err" | sed "s|$T/|: |g"))"; else not_ok "faults: registry deleted after ${d}s: $bad"; fi
done
for d in 0.05; do
	cp "$REG" "$R"
	rm -rf "$W"
	"$PP" -q -j "$JOBS" -t templates -c "$T/contentB" -r "$R" -o "$W" --range "$RANGE" 2>"$T/err" &
	pid=$!
	sleep "$d"
	: >"$R"
	wait $pid
	rc=$?
	bad=$(outcome $rc "$T/err")
	[ -z "$(find "$W" -name '.portpages-tmp-*' 2>/dev/null)" ] || bad="$bad temporary files left"
	if [ -z "$bad" ]; then ok "faults: registry truncated after ${d}s (exit $rc$(head -c 80 "$T/err" | sed "s|$T/|: |g"))"; else not_ok "faults: registry truncated after ${d}s: $bad"; fi
done

## Signals at random moments: A is published, B is being built.
# Delays spread over the time a build takes here (at least 50 ms: before
# that the handler may not be installed yet and the default action kills).
ms=$(echo "$tb * 1000 / 2" | bc | cut -d. -f1)
[ "${ms:-0}" -gt 100 ] || ms=100
trial=0
for sig in INT TERM TERM INT; do
	trial=$((trial + 1))
	fresh
	delay=$(printf '0.%03d' $((RANDOM % 1000)))
	delay=$(echo "0.05 + $delay * $ms / 1000" | bc -l | cut -c1-5)
	ppbg B "$W"
	pid=$!
	sleep "$delay"
	kill -s "$sig" $pid 2>/dev/null
	# The last trial sends the signal twice.
	[ $trial -eq 4 ] && sleep 0.01 && kill -s "$sig" $pid 2>/dev/null
	wait $pid
	rc=$?
	fault "SIG$sig after ${delay}s$([ $trial -eq 4 ] && echo ', twice')" "$W" $rc "$T/err"
	if ! recovers "$W"; then not_ok "faults: SIG$sig after ${delay}s: the next build does not recover"; fi
done

# SIGKILL cannot be caught: pages must still be whole; a temporary file
# may be left behind, and the next build must remove it.
fresh
delay=$(echo "0.05 + $((RANDOM % 1000)) * $ms / 1000000" | bc -l | cut -c1-5)
ppbg B "$W"
pid=$!
sleep "$delay"
kill -s KILL $pid 2>/dev/null
{ wait $pid; } 2>/dev/null
bad=$(intact "$W" | grep -v '^temporary file left')
if [ -z "$bad" ]; then ok "faults: SIGKILL after ${delay}s: every page old or new"; else not_ok "faults: SIGKILL after ${delay}s: $bad"; fi
left=$(find "$W" -name '.portpages-tmp-*' | wc -l)
if recovers "$W"; then
	ok "faults: SIGKILL: the next build recovers and removes the $left temporary file(s) left"
else
	not_ok "faults: SIGKILL: no recovery ($left temporary file(s) were left; now: $(find "$W" -name '.portpages-tmp-*' | wc -l))"
fi
exit 0
