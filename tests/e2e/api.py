#!/usr/bin/env python3
# tests/e2e/api.py - checks api/ of a built site; prints "ok - ..." and "not ok - ..." lines
#
#   api.py SITE USES_CSV [IANA_CSV]   ports.json and ports.csv
#   api.py --ports SITE               api/port/N.json (a build with api = true)
#   api.py --csv SITE                 ports.csv against ports.json only
#
# What the schema cannot say (tests/browser/schema.mjs validates against
# it): ports.json against the port pages' verdicts, uses.csv, IANA's
# registry and ports.csv, cell by cell; each api/port/N.json against
# ports.json.
import csv
import json
import os
import sys

failed = 0


def check(name, cond, detail=""):
    global failed
    if cond:
        print(f"ok - api: {name}")
    else:
        failed += 1
        print(f"not ok - api: {name}" + (f": {detail}" if detail else ""))


def check_json(site, uses_csv, iana_csv):
    raw = open(f"{site}/api/ports.json", "rb").read()
    doc = json.loads(raw)
    ports = doc["ports"]
    check("ports.json holds ports 0 to 65535 in order",
          [p["port"] for p in ports] == list(range(65536)))
    check("ports.json: one port a line", raw.count(b'\n{"port":') == 65536)
    check("ports.json names its sources by file name, never a path",
          all("/" not in s["file"] for s in doc["sources"]) and
          doc["sources"][0]["id"] == "registry")

    rows = {}
    with open(uses_csv, newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            rows[r.line_num] = row
    lines = {u["line"]: u for u in doc["uses"]}
    same = len(lines) == len(rows) and all(
        rows[n][2] == u["name"] and rows[n][3] == u["kind"] and rows[n][5] == u["source"]
        and rows[n][0] == (str(u["ports"][0]) if u["ports"][0] == u["ports"][1]
                           else f"{u['ports'][0]}-{u['ports'][1]}")
        for n, u in lines.items())
    check(f"ports.json's uses are the {len(rows)} rows of uses.csv, by line", same)
    covered = {}
    for u in doc["uses"]:
        for p in range(u["ports"][0], u["ports"][1] + 1):
            covered.setdefault(p, []).append(u["line"])
    bad = [p["port"] for p in ports if p["uses"] != covered.get(p["port"], [])]
    check("every port refers to exactly the uses.csv rows that cover it", not bad, bad[:5])

    # verdict.sh checks that each page has exactly one.
    bad = []
    for p in ports:
        page = open(f"{site}/port/{p['port']}.html", "rb").read()
        at = page.find(b'data-verdict="') + 14
        if page[at:page.find(b'"', at)] != p["verdict"].encode():
            bad.append(p["port"])
    check("every port's verdict is the one its page shows (65,536 pages)", not bad, bad[:5])

    if iana_csv:
        missing = []
        with open(iana_csv, newline="") as f:
            for row in csv.DictReader(f):
                name, num = row["Service Name"].strip(), row["Port Number"].strip()
                if not name or not num:
                    continue
                lo, _, hi = num.partition("-")
                for n in range(int(lo), int(hi or lo) + 1):
                    if name not in ports[n]["names"]:
                        missing.append((n, name))
        check("every service name of IANA's snapshot is in its ports' names", not missing,
              missing[:5])
    return doc


def formula_safe(s):
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def expected_row(p, byline):
    cur = p.get("curated", {})
    desc = next((a["description"] for a in p["assignments"]
                 if a["status"] == "assigned" and a.get("description")), "")
    cells = [str(p["port"]), p["range"]]
    cells += [p["status"].get(k, "unassigned") for k in ("tcp", "udp", "sctp", "dccp")]
    cells += ["; ".join(p["names"]), desc, cur.get("title", ""), "; ".join(cur.get("tags", [])),
              cur.get("risk", ""), p["verdict"], "; ".join(p["reasons"]),
              "; ".join(byline[n]["name"] for n in p["uses"])]
    return [formula_safe(c) for c in cells]


def check_csv(site, doc):
    raw = open(f"{site}/api/ports.csv", "rb").read()
    check("ports.csv ends every line with CRLF (RFC 4180)",
          raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"))
    with open(f"{site}/api/ports.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    check("ports.csv: the header and 65,536 rows of 14 cells",
          rows[0] == ["port", "range", "tcp", "udp", "sctp", "dccp", "names", "description",
                      "title", "tags", "risk", "verdict", "reasons", "uses"] and
          len(rows) == 65537 and all(len(r) == 14 for r in rows))
    byline = {u["line"]: u for u in doc["uses"]}
    bad = [p["port"] for p, row in zip(doc["ports"], rows[1:]) if row != expected_row(p, byline)]
    check("ports.csv says what ports.json says, cell by cell", not bad,
          bad[:3] and f"port {bad[0]}: {rows[bad[0] + 1]} != {expected_row(doc['ports'][bad[0]], byline)}")


def check_port_files(site):
    doc = json.load(open(f"{site}/api/ports.json"))
    names = os.listdir(f"{site}/api/port")
    check("api = true: api/port/ holds 65,536 files, N.json",
          sorted(names) == sorted(f"{n}.json" for n in range(65536)))
    byline = {u["line"]: u for u in doc["uses"]}
    # The same code writes every file: ports 0-1100 and every 7th beyond.
    bad, sample = [], sorted(set(range(1101)) | set(range(0, 65536, 7)))
    for n in sample:
        one = json.load(open(f"{site}/api/port/{n}.json"))
        want = dict(doc, uses=[byline[k] for k in doc["ports"][n]["uses"]], ports=[doc["ports"][n]])
        if one != want:
            bad.append(n)
    check(f"api/port/N.json ({len(sample)} of them) is ports.json cut to port N and the uses it refers to",
          not bad, bad[:5])


def main():
    args = sys.argv[1:]
    if args[0] == "--ports":
        check_port_files(args[1])
    elif args[0] == "--csv":
        check_csv(args[1], json.load(open(f"{args[1]}/api/ports.json")))
    else:
        doc = check_json(args[0], args[1], args[2] if len(args) > 2 else "")
        check_csv(args[0], doc)
    return 1 if failed else 0


sys.exit(main())
