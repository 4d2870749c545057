#!/usr/bin/env bash
# tests/e2e/verdict.sh - what runs on each port: sources side by side, "can I use it?", free and common ports
. "$(dirname "$0")/../lib.sh"

S=$(shared_site)
check "the shared whole build exists" test -n "$S"
NMAP=/usr/share/nmap/nmap-services

# Every verdict of the site, one "port verdict" line each, and the free ports page's runs.
python3 - "$S" >"$T/verdicts" <<'PY'
import os, re, sys
d = sys.argv[1] + "/port"
for n in os.listdir(d):
    if n.endswith(".html"):
        m = re.findall(rb'data-verdict="([a-z]*)"', open(os.path.join(d, n), "rb").read())
        print(n[:-5], b",".join(m).decode())
PY
check "every port page carries exactly one data-verdict: good, caution or avoid" \
	bash -c "[ \$(wc -l <'$T/verdicts') -eq 65536 ] && ! grep -vqE ' (good|caution|avoid)$' '$T/verdicts'"
v() { awk -v p="$1" '$1 == p { print $2 }' "$T/verdicts"; }
check "port 0: avoid, because it asks the system for a port" \
	bash -c "[ '$(v 0)' = avoid ] && grep -q 'Port 0 is reserved' '$S/port/0.html'"
check "port 22: avoid (System Port, IANA assignment, known use)" \
	bash -c "[ '$(v 22)' = avoid ] && grep -q 'a System Port' '$S/port/22.html' && grep -q 'assigned to a service in' '$S/port/22.html'"
check "port 5555: avoid, Android Debug Bridge is a known use" \
	bash -c "[ '$(v 5555)' = avoid ] && grep -q 'Software is known to use it: .*Android Debug Bridge' '$S/port/5555.html'"
# Any unassigned port of Linux's ephemeral range with nothing else on it.
eph=$(python3 - "$S" <<'PY'
import sys
for p in range(33000, 34000):
    t = open(f"{sys.argv[1]}/port/{p}.html").read()
    if 'data-verdict="caution"' in t and "Software is known" not in t and "nmap finds" not in t:
        print(p); break
PY
)
check "port $eph: caution, inside the default ephemeral ranges of Linux and FreeBSD" \
	bash -c "[ -n '$eph' ] && grep -q 'default ephemeral range of Linux and FreeBSD' '$S/port/$eph.html'"
check "port 31000: caution, inside Kubernetes' NodePort range" \
	bash -c "[ '$(v 31000)' != good ] && grep -q \"Kubernetes' default NodePort range (30000–32767)\" '$S/port/31000.html'"

free_ok() {
	python3 - "$S" "$T/verdicts" <<'PY'
import re, sys
good = {int(l.split()[0]) for l in open(sys.argv[2]) if l.split()[1] == "good"}
t = open(sys.argv[1] + "/free-ports.html").read()
listed = set()
for lo, hi in re.findall(r'<li><a href="port/(\d+)\.html">\d+</a>(?:–<a href="port/(\d+)\.html">)?', t):
    listed |= set(range(int(lo), int(hi or lo) + 1))
n = re.search(r'<p class="lead">(\d{1,3}(?:,\d{3})*) port numbers', t)
print(f"  {len(good)} good port pages, {len(listed)} ports listed, the lead says {n and n.group(1)}")
below = "every free port is below 10000" in t and max(listed) < 10000
print(f"  says every free port is below 10000: {below}, highest listed {max(listed)}")
sys.exit(not (good and listed == good and n and int(n.group(1).replace(",", "")) == len(good) and below))
PY
}
check "free-ports.html lists exactly the ports whose page says good, as runs, all below 10000 as it says" free_ok
suggest_ok() {
	python3 - "$S" "$T/verdicts" <<'PY'
import re, sys
verdict = dict(l.split() for l in open(sys.argv[2]))
bad = 0
for p in ("22", "80", "5555", "49152", "65535", "31000"):
    t = open(f"{sys.argv[1]}/port/{p}.html").read()
    s = re.findall(r'<a href="(\d+)\.html">\d+</a>', t.split('class="verdict-suggest"')[1].split("</p>")[0])
    if not s or any(verdict[x] != "good" for x in s): bad += 1; print("  port", p, s)
    d = [abs(int(x) - int(p)) for x in s]
    if d != sorted(d): bad += 1; print("  not nearest first:", p, s)
sys.exit(bad > 0)
PY
}
check "avoid and caution pages suggest the nearest good ports, nearest first" suggest_ok
# From FreeBSD's 10000 up every port is in some current system's
# ephemeral range, so a page there says why its good ports are far below.
floor_ok() {
	python3 - "$S" "$T/verdicts" <<'PY'
import sys
verdict = dict(l.split() for l in open(sys.argv[2]))
said = "Every port from 10000 up is in a current system's default ephemeral range (FreeBSD's starts at 10000), so every good port is below 10000."
good_above = [p for p, v in verdict.items() if v == "good" and int(p) >= 10000]
bad, n = 0, 0
for p, v in verdict.items():
    if v == "good": continue
    t = open(f"{sys.argv[1]}/port/{p}.html").read()
    has = said in t
    n += has
    if has != (int(p) >= 10000): bad += 1; bad <= 3 and print("  port", p, "says it" if has else "does not say it")
print(f"  {n} pages say it, {len(good_above)} good ports from 10000 up, {bad} wrong")
sys.exit(bad > 0 or n == 0 or len(good_above) > 0)
PY
}
check "from port 10000 up, the suggestion says every good port is below 10000" floor_ok
# A port with no note and no registered name is titled by its known uses;
# the ephemeral ranges that cover 40123 are too wide to count as one.
meta_ok() {
	grep -qF '<title>Port 50050: Apache DataFusion Ballista (scheduler), Cobalt Strike (team server) |' "$S/port/50050.html" &&
		grep -qF 'Known uses: Apache DataFusion Ballista (scheduler), Cobalt Strike (team server). What uses it' "$S/port/50050.html" &&
		grep -qF '<title>Port 40123 |' "$S/port/40123.html" &&
		! grep -qF 'Known uses:' "$S/port/40123.html"
}
check "titles and descriptions name the known uses, not the wide ranges" meta_ok
# What may be listening: known uses under other names than IANA's are
# named beside the registered service; OpenSSH on 22 is IANA's ssh.
listening_ok() {
	grep -qF 'No service is registered on port 27950, but software is known to use it: DarkPlaces (master server), Unvanquished (master server), ioquake3 (master server).' "$S/port/27950.html" &&
		grep -qF 'the registered service, ssh, is the first thing to suspect' "$S/port/22.html" &&
		grep -qF 'No service is registered on port 40123, so if something' "$S/port/40123.html"
}
check "what may be listening names the known uses IANA's names do not cover" listening_ok
check "the home page links to the free ports and the most common ports" \
	bash -c "grep -q 'href=\"free-ports.html\"' '$S/index.html' && grep -q 'href=\"common-ports.html\"' '$S/index.html'"

if [ -f "$NMAP" ]; then
	common_ok() {
		python3 - "$S" "$NMAP" <<'PY'
import re, sys
t = open(sys.argv[1] + "/common-ports.html").read()
want = {}
for l in open(sys.argv[2]):
    if l.startswith("#") or not l.strip(): continue
    f = l.split()
    port, proto = f[1].split("/")
    if proto in ("tcp", "udp") and float(f[2]) > 0: want.setdefault(proto, []).append((-float(f[2]), int(port)))
ok = True
for proto, title in (("tcp", "tcp-title"), ("udp", "udp-title")):
    part = t.split(f'id="{title}"')[1].split("</table>")[0]
    got = [int(x) for x in re.findall(r'<td><a href="port/(\d+)\.html">', part)]
    exp = [p for _, p in sorted(want[proto])[:len(got)]]
    print(f"  {proto}: {len(got)} ports, first {got[:5]}")
    ok = ok and len(got) == 200 and got == exp
sys.exit(not ok)
PY
	}
	check "common-ports.html: TCP and UDP in the order of nmap's open frequency" common_ok
	check "port 5555: nmap's names and ranks beside IANA's, and the disagreement said plainly" \
		bash -c "grep -q 'data-source=\"nmap\"' '$S/port/5555.html' && grep -q 'The sources disagree' '$S/port/5555.html' && grep -q 'calls it personal-agent' '$S/port/5555.html'"
	# nmap names TCP 8081 blackice-icecap and UDP 8081 IANA's sunproxyadmin.
	if need_csv "port 8081: nmap's TCP name against IANA's sunproxyadmin"; then
		check "port 8081: nmap's TCP name is a disagreement though its UDP name is IANA's" \
			grep -q "<li>nmap's service list calls it blackice-icecap; " "$S/port/8081.html"
	fi
	once_ok() {
		python3 - "$S" <<'PY'
import os, re, sys
d, bad, n = sys.argv[1] + "/port", 0, 0
for f in os.listdir(d):
    for names in re.findall(r'<li>[^<]* calls it ([^;<]*);', open(os.path.join(d, f)).read()):
        n += 1
        v = re.sub(r' and \d+ more$', '', names).split(", ")
        if len(v) != len(set(v)): bad += 1; bad < 4 and print("  ", f, names)
print(f"  {n} disagreements, {bad} naming a service twice")
sys.exit(bad > 0 or n == 0)
PY
	}
	check "a disagreement names each of a source's names once" once_ok
else
	skip "common ports in nmap's order ($NMAP is absent: apt-get install nmap-common)"
fi
# A product with one row a protocol (MSMQ on 1801) is one known use.
uses_once_ok() {
	python3 - "$S" <<'PY'
import os, re, sys
d, bad, n = sys.argv[1] + "/port", 0, 0
pat = re.compile(r'<li>(?:Software is known to use it|Known uses under names other than the registry.s): ([^<]*)\.</li>')
for f in os.listdir(d):
    for names in pat.findall(open(os.path.join(d, f)).read()):
        n += 1
        # names hold ", " inside parentheses: "ONOS (OpenFlow, old port)"
        v = re.split(r', (?![^()]*\))', re.sub(r' and \d+ more$', '', names))
        if len(v) != len(set(v)): bad += 1; bad < 4 and print("  ", f, names)
print(f"  {n} lists of known uses, {bad} naming one twice")
sys.exit(bad > 0 or n == 0)
PY
}
check "a list of known uses names each product once" uses_once_ok
# A note's port lists first the known uses the note names, in the order it
# names them; the known uses' block follows that order, a product's rows
# together, platform ranges last (read independently: uses_order.py).
check "a note's page lists first the known uses the note names (3000: Grafana before Ackee)" \
	python3 "$ROOT/tests/e2e/uses_order.py" lists "$S" "$ROOT/content"
check "the known uses' block: a product's rows together, in the lists' order, platform ranges last" \
	python3 "$ROOT/tests/e2e/uses_order.py" block "$S" "$ROOT/content"
check "port 3000 leads with Grafana, 6379 with Redis" sh -c "grep -q '<li>Software is known to use it: Grafana, ' '$S/port/3000.html' && grep -q '<li>Software is known to use it: Redis, ' '$S/port/6379.html'"
sources_ok() {
	local f=$S/port/5555.html
	grep -q 'data-source="iana"' "$f" && grep -q 'data-source="uses"' "$f" &&
		grep -q 'Known uses under names other than the registry.s: ' "$f" &&
		grep -q 'href="https://developer.android.com/' "$f" &&
		grep -q 'Data: IANA.s registry (<code>service-names-port-numbers.csv</code>' "$S/index.html"
}
if need_csv "sources side by side on port 5555"; then
	check "port 5555: IANA's entry, the known uses with their sources, the footer naming each source" sources_ok
fi

SEARCH=("$ROOT/tests/e2e/search_check.js" "$S/assets/search-index.js" "$ROOT/templates/assets/site.js")
check "search finds ports by known uses: adb -> 5555, airplay -> 5000 and 7000, grafana -> 3000" \
	node "${SEARCH[@]}" top10 'adb=5555;airplay=5000,7000;grafana=3000'

# Search puts first the port a name is most about: a registered name, then
# a note's first search names, a known use, a note's title; ties go to the
# port nmap finds open more often. These hold with nmap's list or without.
if need_csv "search ranking by IANA's names"; then
	check "search puts first the port a name is about (postgres 5432, kubernetes 6443, wireguard 51820, ...)" \
		node "${SEARCH[@]}" first 'ssh=22;x11=6000;mysql=3306;redis=6379;postgres=5432;kubernetes=6443;kubelet=10250;kafka=9092;prometheus=9090;wireguard=51820;minecraft=25565;jupyter=8888;smb=445;elasticsearch=9200;cassandra=9042;remote desktop=3389;grafana=3000;vite=5173;adb=5555;rabbitmq=5672;starrocks=9030;doris=9030;alluxio=19998;hive=10000;hiveserver2=10000;kyuubi=10009;spark connect=15002;hadoop=9870;hdfs=8020;yarn=8088;opentelemetry collector=4317;hbase=16010;wildfly=9990;websphere=9060;teleport=3080;clickhouse=9000;couchbase=8091;spark=4040;jellyfin=8096;scylladb=9042;glassfish=4848;freeswitch=5060;atlas=21000;ranger=6080;kvm=16509;regionserver=16020;payara=4848;webhdfs=9870;otelcol=4317;kube-controller-manager=10257;plex media server=32400;cypher=7687;oracle=1521;nomad=4646;winrm=5985;ptp=319;heartbeat=694;flexlm=27000;keyserver=11371;tor=9050;opensearch=9200;ibm db2=50000;cilium=4240;apache hbase=16010;roblox=49152;tidb=4000;tikv=20160;22=22'
fi

# MSMQ and pyTivo have a uses.csv row per protocol; their ports' search
# entries carry each name once, like the pages' lists.
search_once_ok() {
	node - "$S/assets/search-index.js" <<'JS'
const fs = require('fs');
global.window = {};
eval(fs.readFileSync(process.argv[2], 'utf8'));
let bad = 0, seen = 0;
for (const e of window.PORTPAGES_SEARCH) {
  if (![1801, 2190].includes(e[0])) continue;
  seen++;
  const words = e[6].split(', ');
  for (const name of ['Microsoft Message Queuing (MSMQ)', 'pyTivo'])
    if (words.filter(w => w === name).length > 1) { console.log(`  ${e[0]}: ${name} twice`); bad++; }
}
process.exit(seen === 2 && bad === 0 ? 0 : 1);
JS
}
check "search entries name each known use once (1801 MSMQ, 2190 pyTivo)" search_once_ok

# Loader errors: one line naming uses.csv and its line; the site is left as it was.
mkdir -p "$T/c"
cp "$ROOT/content/site.conf" "$T/c/"
hdr='port,protocol,name,kind,note,source'
good='22,tcp,OpenSSH,default,sshd listens here.,https://man.openbsd.org/sshd_config'
"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/s" --range 22-22 || not_ok "uses: base build"
snap() { (cd "$T/s" && find . -type f -printf '%P %s %T@\n' | sort | md5sum); }
before=$(snap)
bad_uses() {
	local name=$1 row=$2 pat=$3
	printf '%s\n%s\n%s\n' "$hdr" "$good" "$row" >"$T/c/uses.csv"
	"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/s" --range 22-22 2>"$T/err"
	local rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qE "^portpages: $T/c/uses.csv:3: $pat" "$T/err" && [ "$(snap)" = "$before" ]; then
		ok "uses.csv: $name"
	else
		not_ok "uses.csv: $name (exit $rc: $(cat "$T/err"))"
	fi
}
bad_uses "port 70000: error at its line" '70000,tcp,X,default,A note.,https://example.org/' 'port must be'
bad_uses "a range that ends before it starts" '90-80,tcp,X,default,A note.,https://example.org/' 'port must be'
bad_uses "unknown protocol" '80,icmp,X,default,A note.,https://example.org/' 'protocol must be'
bad_uses "unknown kind" '80,tcp,X,rumour,A note.,https://example.org/' 'kind must be'
bad_uses "http:// source" '80,tcp,X,default,A note.,http://example.org/' 'source must be an https'
bad_uses "tracking parameter" '80,tcp,X,default,A note.,https://example.org/?utm_source=x' 'source carries a tracking'
bad_uses "five fields" '80,tcp,X,default,A note.' 'expected 6 fields'
bad_uses "the same row twice" "$good" 'the same port, protocol and name as line 2'
bad_uses "a second default port for one product" '2222,tcp,OpenSSH,default,Another.,https://example.org/' 'a second default port for OpenSSH'
bad_uses "a name with a bidi override" "$(printf '80,tcp,X\342\200\256Y,default,A note.,https://example.org/')" 'invalid UTF-8, control'
printf 'port,protocol,name\n' >"$T/c/uses.csv"
"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/s" --range 22-22 2>"$T/err"
check "uses.csv: a wrong header is an error at line 1" grep -q "uses.csv:1: the header must be" "$T/err"

# Sources chosen in site.conf: off, or a file that must exist.
rm -f "$T/c/uses.csv"
printf '\n[sources]\nnmap =\nwireshark =\nsystem =\n' >>"$T/c/site.conf"
"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/n"
check "[sources] turned off: only the registry in the footer, common ports in curated order" \
	bash -c "grep -q 'This site was built without nmap' '$T/n/common-ports.html' && ! grep -q 'nmap-services' '$T/n/index.html'"
sed -i 's|^nmap =.*|nmap = /no/such/nmap-services|' "$T/c/site.conf"
"$PP" -q -t "$ROOT/templates" -c "$T/c" -r "$REG" -o "$T/n" 2>"$T/err"
rc=$?
check "[sources] naming a missing file: one line, exit 1" \
	bash -c "[ $rc -eq 1 ] && grep -q '^portpages: /no/such/nmap-services: cannot open the nmap source named in site.conf' '$T/err' && [ \$(wc -l <'$T/err') -eq 1 ]"
