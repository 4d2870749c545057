#!/usr/bin/env bash
# tests/e2e/truth.sh - the facts in content/ and templates/: format, sources, names, coverage
# Checks content/uses.csv against docs/USES-FORMAT.md, every CVE identifier
# and every IANA service name that a note or a known use quotes (against
# IANA's snapshot), the names quoted from nmap's service list, the notes'
# coverage of nmap's most open ports, and the template prose that was once
# wrong.
. "$(dirname "$0")/../lib.sh"

U=$ROOT/content/uses.csv
N=$ROOT/content/ports
NMAP=/usr/share/nmap/nmap-services

# py NAME SCRIPT ARGS...: one check whose Python prints its problems.
py() {
	local name=$1 script=$2
	shift 2
	if python3 -c "$script" "$@" >"$T/py.out" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		head -n 15 "$T/py.out" | sed 's/^/  /'
	fi
}

py "uses.csv: header, six fields, ports, protocols, kinds, plain-text notes, https sources without tracking" '
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = 0
def say(i, m):
    global bad; bad += 1
    if bad <= 10: print(f"line {i}: {m}")
if rows[0] != ["port", "protocol", "name", "kind", "note", "source"]: say(1, "header")
for i, r in enumerate(rows[1:], 2):
    if len(r) != 6: say(i, "fields"); continue
    m = re.fullmatch(r"(\d{1,5})(?:-(\d{1,5}))?", r[0])
    if not m or int(m.group(1)) > 65535 or (m.group(2) and not int(m.group(1)) < int(m.group(2)) <= 65535): say(i, "port " + r[0])
    if r[1] not in ("tcp", "udp", "tcp/udp", "sctp"): say(i, "protocol")
    if not 0 < len(r[2].encode()) <= 60: say(i, "name length")
    if r[3] not in ("default", "os", "common", "malware"): say(i, "kind")
    if not (0 < len(r[4].encode()) <= 200 and r[4].endswith(".")): say(i, "note must be one sentence of at most 200 bytes")
    if "`" in r[4]: say(i, "note holds a backtick: notes are plain text, so it would print as it is")
    if not r[5].startswith("https://") or re.search(r"[?&](utm_|fbclid|gclid|ref=|mc_[ce]id|_hsenc)", r[5]): say(i, "source " + r[5])
sys.exit(bad > 0)' "$U"

py "uses.csv: sorted by port, protocol and name; no row twice; one official default per product" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]
def lo(r): return [int(x) for x in r[0].split("-")]
keys = [(lo(r)[0], lo(r)[-1], r[1].encode(), r[2].encode()) for r in rows]
bad = [i + 2 for i in range(1, len(keys)) if keys[i] <= keys[i - 1]]
for i in bad[:5]: print(f"line {i}: out of order or repeated")
P = {"tcp": {"tcp"}, "udp": {"udp"}, "tcp/udp": {"tcp", "udp"}, "sctp": {"sctp"}}
seen = {}
for i, r in enumerate(rows, 2):
    if r[3] != "default": continue
    for p in P[r[1]]:
        k = (r[2], p)
        if k in seen and seen[k][0] != r[0]:
            print(f"line {i}: {r[2]} has a second {p} default ({seen[k][0]} at line {seen[k][1]})"); bad.append(i)
        seen.setdefault(k, (r[0], i))
sys.exit(bool(bad))' "$U"

py "uses.csv: at least 1,000 rows over at least 600 distinct ports" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]
ports = {r[0] for r in rows}
print(len(rows), "rows,", len(ports), "distinct ports")
sys.exit(not (len(rows) >= 1000 and len(ports) >= 600))' "$U"

# The exceptions (files too large or too far away to pin here) are listed
# with why in docs/unpinned-links.tsv; a listed link that is gone from its
# note or from uses.csv must leave the list too.
py "notes and uses.csv: a GitHub, GitLab or Gitea file is cited at a commit, save those docs/unpinned-links.tsv lists with why" '
import csv, glob, os, re, sys
listed = {}
for i, r in enumerate(list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8"), delimiter="\t"))[1:], 2):
    if len(r) != 3 or not r[2].strip(): print(f"unpinned-links.tsv line {i}: where, url and why"); sys.exit(1)
    listed[(r[0], r[1])] = i
found = set()
bad = 0
files = [(os.path.basename(f)[:-3], f) for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.md")))]
for where, f in files + [("uses.csv", sys.argv[3])]:
    # GitHub, GitLab (/-/blob/REF/) and Gitea (/src/branch/REF/ is never a commit)
    text = open(f, encoding="utf-8").read()
    for pat in (r"https://github\.com/[^/\s)]+/[^/\s)]+/(?:blob|tree)/([^/\s)>]+)/[^\s)>]*",
                r"https://[^/\s)]*gitlab[^/\s)]*/[^\s)>]*?/-/(?:blob|tree|raw)/([^/\s)>]+)/[^\s)>]*",
                r"https://[^/\s)]+/[^\s)>]*?/src/(branch)/[^\s)>]*"):
        for m in re.finditer(pat, text):
            if re.fullmatch(r"[0-9a-f]{40}", m.group(1)): continue
            found.add((where, m.group(0)))
            if (where, m.group(0)) not in listed:
                bad += 1; print(f"{os.path.basename(f)}: {m.group(0)} names {m.group(1)}, not a commit")
for k, i in sorted(listed.items(), key=lambda kv: kv[1]):
    if k not in found: bad += 1; print(f"unpinned-links.tsv line {i}: {k[1]} is no longer in {k[0]}")
print(len(found), "unpinned links, all listed" if not bad else "")
sys.exit(bad > 0)' "$N" "$ROOT/docs/unpinned-links.tsv" "$U"

py "docs/uses-checks.csv: every check names a row of uses.csv, at most once, with a date, a result and its evidence" '
import csv, re, sys
rows = {(r[0], r[1], r[2]) for r in list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]}
checks = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
bad = 0
if checks[0] != ["port", "protocol", "name", "checked", "result", "evidence"]: bad += 1; print("header")
seen = set()
for i, c in enumerate(checks[1:], 2):
    if len(c) != 6: bad += 1; print(f"line {i}: fields"); continue
    k = tuple(c[:3])
    if k not in rows: bad += 1; print(f"line {i}: no uses.csv row {k}: rename or remove the check with the row")
    if k in seen: bad += 1; print(f"line {i}: {k} checked twice")
    seen.add(k)
    if not re.fullmatch(r"20\d\d-\d\d-\d\d", c[3]): bad += 1; print(f"line {i}: date")
    if c[4] not in ("held", "corrected", "pinned", "unread"): bad += 1; print(f"line {i}: result {c[4]}")
    if not c[5].strip(): bad += 1; print(f"line {i}: no evidence")
read = sum(1 for c in checks[1:] if c[4] != "unread")
print(f"{read} of {len(rows)} rows checked against their source, {len(checks) - 1 - read} unread")
sys.exit(bad > 0)' "$U" "$ROOT/docs/uses-checks.csv"

py "every CVE identifier in the notes and uses.csv is well formed (CVE-YYYY-NNNN+)" '
import glob, re, sys
bad = 0
for f in glob.glob(sys.argv[1] + "/*.md") + [sys.argv[2]]:
    for m in re.finditer(r"CVE-[0-9A-Za-z-]*", open(f, encoding="utf-8").read()):
        if not re.fullmatch(r"CVE-(199\d|20[0-2]\d)-\d{4,7}", m.group(0)):
            bad += 1; print(f, m.group(0))
sys.exit(bad > 0)' "$N" "$U"
py "every CVE a note names has its cve.org record under Sources, and every record listed there is named in the note" '
import glob, re, sys
bad = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.md")):
    body, _, sources = open(f, encoding="utf-8").read().partition("\n## Sources")
    named = set(re.findall(r"CVE-\d{4}-\d+", body))
    listed = set(re.findall(r"cve\.org/CVERecord\?id=(CVE-\d{4}-\d+)", sources))
    for c in sorted(named - listed):
        bad += 1; print(f"{f}: {c} is named but its record is not a source")
    for c in sorted(listed - named):
        bad += 1; print(f"{f}: {c} is a source but the note never names it")
sys.exit(bad > 0)' "$N"

if need_csv "every IANA service name quoted in a note or uses.csv is in IANA's registry"; then
	py "every IANA service name quoted in a note or uses.csv is in IANA's registry" '
import csv, glob, re, sys
names = {r[0].lower() for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8")) if r and r[0]}
bad = 0
def sentences(text):
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return re.split(r"(?<=[.!?])\s+|\n\s*\n|\n- ", text)
seen = 0
def check(where, text, quote):
    global bad, seen
    for s in sentences(text):
        if "IANA" not in s: continue
        for q in re.findall(quote + "([^" + quote + "]+)" + quote, s):
            seen += 1
            if q.lower() not in names:
                bad += 1; print(f"{where}: {quote}{q}{quote} is not a service name in the registry")
# Notes are Markdown and quote a name as code; uses.csv notes are plain text.
for f in sorted(glob.glob(sys.argv[2] + "/*.md")):
    check(f.rsplit("/", 1)[1], open(f, encoding="utf-8").read(), "`")
for i, r in enumerate(csv.reader(open(sys.argv[3], newline="", encoding="utf-8")), 1):
    if i > 1: check(f"uses.csv:{i}", r[4], "\"")
print(seen, "names checked")
sys.exit(bad > 0 or seen < 100)' "$CSV" "$N" "$U"
fi

# Python the IANA checks share: the snapshot as (name, port) -> protocols,
# a range's every port listed.
IANA_AT='
import csv, re
def iana_at(path):
    at = {}
    for r in csv.reader(open(path, newline="", encoding="utf-8")):
        if len(r) < 3 or not r[0] or not re.fullmatch(r"\d+(-\d+)?", r[1]): continue
        lo, _, hi = r[1].partition("-")
        for p in range(int(lo), int(hi or lo) + 1):
            at.setdefault((r[0].lower(), p), set()).add(r[2].lower())
    return at
'

if need_csv "every 'IANA registers [protocol] N as \`name\`' in a note matches the registry"; then
	py "every 'IANA registers [protocol] N as \`name\`' in a note matches the registry's port and protocols" "$IANA_AT"'
import glob, sys
reg = iana_at(sys.argv[1])
pat = re.compile(r"IANA (?:registers|lists|assigns) (TCP and UDP|UDP and TCP|both TCP and UDP|TCP|UDP)?\s*(?:port\s*)?(\d{1,5})\b[^.]*? as `([^`]+)`")
seen = bad = 0
for f in sorted(glob.glob(sys.argv[2] + "/*.md")):
    for m in pat.finditer(open(f, encoding="utf-8").read()):
        seen += 1
        proto, port, name = m.group(1), int(m.group(2)), m.group(3).lower()
        have = reg.get((name, port))
        want = set() if not proto else {"tcp", "udp"} if " and " in proto else {proto.lower()}
        if have is None or not want <= have:
            bad += 1
            print(f.rsplit("/", 1)[1] + ": " + m.group(0)[:90] + " (registry: " + (",".join(sorted(have)) if have else "no such entry") + ")")
print(seen, "claims checked")
sys.exit(bad > 0 or seen < 100)' "$CSV" "$N"
fi

if need_csv "every IANA name a uses.csv row quotes is registered at that row's port"; then
	py "every IANA name a uses.csv row quotes is registered at that row's port (or the port its sentence names)" "$IANA_AT"'
import sys
reg = iana_at(sys.argv[1])
seen = bad = 0
for i, r in enumerate(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")), 1):
    if i == 1 or "IANA" not in r[4]: continue
    lo, _, hi = r[0].partition("-")
    for name in re.findall(r"\"([^\"]+)\"", r[4]):
        seen += 1
        m = re.search("\"" + re.escape(name) + r"\"[^.;]*? (?:on|at) (?:TCP |UDP |SCTP |port )?(\d+)", r[4])
        ports = [int(m.group(1))] if m else range(int(lo), int(hi or lo) + 1)
        if not any((name.lower(), p) in reg for p in ports):
            bad += 1
            print(f"uses.csv:{i}: \"{name}\" is not registered at {r[0]}")
print(seen, "names checked")
sys.exit(bad > 0 or seen < 50)' "$CSV" "$U"
fi

count=$(ls "$N" | grep -c '^[0-9]*\.md$')
check "at least 250 curated notes ($count)" test "$count" -ge 250
if [ -f "$NMAP" ]; then
	cover() {
		local proto=$1 top=$2 want=$3 have
		have=$(grep -v '^#' "$NMAP" | awk -v p="/$proto" 'index($2, p) { split($2, a, "/"); print $3, a[1] }' |
			sort -k1,1gr -k2,2n | head -n "$top" | awk '{ print $2 }' |
			while read -r port; do [ -f "$N/$port.md" ] && echo "$port"; done | wc -l)
		echo "  $have of nmap's $top most open $proto ports have a note"
		[ "$have" -ge "$want" ]
	}
	check "notes cover at least 190 of nmap's 200 most open TCP ports" cover tcp 200 190
	check "notes cover at least 55 of nmap's 60 most open UDP ports" cover udp 60 55
	# A sentence that quotes nmap's list names what the list has at that
	# port (a port the sentence gives, or the note's own). Sentences that
	# mention IANA are the IANA checks' business; a backticked word the list
	# does not know at all (a script, a command) is not a name.
	py "every name a note quotes from nmap's service list is in the list at that port" '
import glob, os, re, sys
svc = {}
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    f = line.split()
    if line.startswith("#") or len(f) < 2 or "/" not in f[1]: continue
    port, proto = f[1].split("/", 1)
    svc.setdefault(f[0], set()).add((int(port), proto))
cites = re.compile(r"nmap.s (service list|services file|list)|nmap-services", re.I)
seen = bad = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.md")):
    own = int(os.path.basename(path)[:-3])
    body = open(path, encoding="utf-8").read().split("## Sources")[0]
    for sent in re.split(r"(?<=[.;:])\s+|\n\n", body):
        if not cites.search(sent) or "IANA" in sent: continue
        ports = [int(x) for x in re.findall(r"\b\d{1,5}\b", sent) if int(x) < 65536] + [own]
        for q in re.finditer(r"`([A-Za-z0-9_.+:-]+)`", sent):
            name = q.group(1)
            if name not in svc: continue
            # The protocol named nearest before the name is the one it is quoted for.
            said = re.findall(r"\b(TCP|UDP)\b", sent[:q.start()])
            protos = [said[-1].lower()] if said else ["tcp", "udp", "sctp"]
            seen += 1
            if not any((p, pr) in svc[name] for p in ports for pr in protos):
                bad += 1
                print(f"{os.path.basename(path)}: `{name}` is not at {ports[0]}/{protos[0]} in nmap-services")
print(seen, "names checked")
sys.exit(bad > 0 or seen < 50)' "$N" "$NMAP"
else
	skip "notes' coverage of nmap's most open ports ($NMAP is absent: apt-get install nmap-common)"
	skip "names quoted from nmap's service list ($NMAP is absent: apt-get install nmap-common)"
fi

check "135: msrpc-enum is offered (with 445, below)" grep -q 'msrpc-enum' "$N/135.md"
py "every nmap command with an SMB script (msrpc-enum, smb-*) scans 445 or 139, without which it never runs" '
import glob, re, sys
bad = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.md")) + sorted(glob.glob(sys.argv[2] + "/**/*.md", recursive=True)):
    for i, line in enumerate(open(f, encoding="utf-8"), 1):
        if not re.search(r"nmap .*--script[ =]\S*(msrpc-enum|smb-)", line): continue
        m = re.search(r"-p\s*(\S+)", line)
        if m and not re.search(r"(^|,)(445|139)(,|$)", m.group(1)):
            bad += 1; print(f"{f}:{i}: {line.strip()}")
sys.exit(bad > 0)' "$N" "$ROOT/templates"
py "every findstr command in a note or template matches its port exactly (/c:\":N \"): a bare :7 also matches :70 and :7680" '
import glob, re, sys
bad = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.md")) + sorted(glob.glob(sys.argv[2] + "/**/*.md", recursive=True)):
    for i, line in enumerate(open(f, encoding="utf-8"), 1):
        for m in re.finditer(r"findstr (.{0,20})", line):
            if not re.match(r"/c:\":([0-9]+|\{\{PORT\}\}) \"", m.group(1)):
                bad += 1; print(f"{f}:{i}: findstr {m.group(1)}")
sys.exit(bad > 0)' "$N" "$ROOT/templates"
check "162: IANA's name is snmptrap, never snmp-trap" bash -c "! grep -q 'snmp-trap' '$N/162.md'"

S=$ROOT/templates
check "templates: counts of assigned ports come from the registry, not prose" \
	bash -c "! grep -rqi 'tens of thousands' '$S' && grep -q '{{RANGE_ASSIGNED}}' '$S'/sections/20-range.*.md"
check "templates: System Ports are assigned through IETF Review or IESG Approval" \
	bash -c "! grep -rqi 'standards action' '$S' && grep -rq 'IETF Review or IESG Approval' '$S'"
check "templates: Windows commands use findstr /c:; ss keeps -l; nmap -sU with sudo" \
	bash -c "grep -rq 'findstr /c:' '$S' && grep -rq 'ss -tulpn' '$S' && ! grep -rqE '(^|[^o] )nmap -sU' '$S'"
check "templates: the Windows firewall example allows the given addresses" \
	bash -c "! grep -rq 'Action Block' '$S/sections/50-security.md' && grep -q 'RemoteAddress' '$S/sections/50-security.md'"
