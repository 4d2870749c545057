#!/usr/bin/env python3
# tests/e2e/uses_order.py - the order a port page lists its known uses in, read independently of the C code
"""usage: uses_order.py lists|block SITE CONTENT

lists: every "Software is known to use it" list on a page with a note
names first the products the note names (its title, then its body; a
row's name up to " (", as a whole word; then its search names: the name is
one, then it begins with one and a space), then the rest in uses.csv's
order.
block: the known uses' block under "What each source says" gives a
product's rows together, in that order, then the rows wider than 256 ports.
"""
import csv, html, os, re, sys

WIDE = 256


def rows_by_port(content):
    rows = {}
    for r in csv.DictReader(open(content + "/uses.csv", encoding="utf-8")):
        lo, _, hi = r["port"].partition("-")
        lo, hi = int(lo), int(hi or lo)
        for p in range(lo, hi + 1):
            rows.setdefault(p, []).append((r["name"], hi - lo + 1 > WIDE))
    return rows


def note(content, port):
    path = f"{content}/ports/{port}.md"
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8").read()
    front, body = "", text
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
    title = next((l[6:].strip() for l in front.split("\n") if l.startswith("title:")), "")
    names = next((l[6:] for l in front.split("\n") if l.startswith("names:")), "")
    return title, body, [x.strip().lower() for x in names.split(",") if x.strip()]


def at(text, name):
    base = name.split(" (")[0]
    m = re.search(r"(?<![A-Za-z0-9_])" + re.escape(base) + r"(?![A-Za-z0-9_])", text)
    return m.start() if m else None


def order(names, n):
    """names (file order) with those note n names first."""
    if n is None:
        return list(names)
    title, body, search = n
    past = len(title) + len(body) + 2
    def key(iv):
        i, v = iv
        t, b = at(title, v), at(body, v)
        if t is not None:
            return (t, i)
        if b is not None:
            return (len(title) + 1 + b, i)
        base = v.split(" (")[0].lower()
        for j, x in enumerate(search):
            if base == x:
                return (past + j, i)
        for j, x in enumerate(search):
            if base.startswith(x + " "):
                return (past + len(search) + j, i)
        return (float("inf"), i)
    return [v for i, v in sorted(enumerate(names), key=key)]


def main():
    mode, site, content = sys.argv[1:4]
    n = bad = moved = 0
    for port, rs in sorted(rows_by_port(content).items()):
        narrow = []
        for name, wide in rs:
            if not wide and name not in narrow:
                narrow.append(name)
        nt = note(content, port)
        if not narrow or (mode == "lists" and (nt is None or len(narrow) < 2)):
            continue
        want = order(narrow, nt)
        page = open(f"{site}/port/{port}.html", encoding="utf-8").read()
        if mode == "lists":
            m = re.search(r"<li>Software is known to use it: ([^<]*)\.</li>", page)
            if not m:
                continue
            got = html.unescape(m.group(1))
            # eight names, then " and N more" (names may hold ", " themselves)
            expect = ", ".join(want[:8]) + (f" and {len(want) - 8} more" if len(want) > 8 else "")
            moved += want[:8] != narrow[:8]
        else:
            expect = [v for o in want for v, w in rs if v == o and not w] + [v for v, w in rs if w]
            block = re.search(r'<dt data-source="uses">.*?(?=<dt|</dl>)', page, re.S)
            got = [html.unescape(x) for x in re.findall(r"<dd><strong>(.*?)</strong>", block.group(0))] if block else []
            moved += expect != [v for v, w in rs]
        n += 1
        if got != expect:
            bad += 1
            if bad < 4:
                print("  ", port, str(got)[:100], "want", str(expect)[:100])
    print(f"  {n} pages, {moved} in another order than uses.csv's, {bad} wrong")
    sys.exit(bad > 0 or moved == 0)


main()
