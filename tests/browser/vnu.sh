#!/usr/bin/env bash
# HTML validity of a generated portpages site with the Nu Html Checker.
#
#   tests/browser/vnu.sh SITE_DIR
#
# Checks every HTML page that is not a port page, plus a deterministic
# sample of port pages over all three ranges (the range edges, the first and
# last ten ports, and every 331st port: about 220 pages), in one JVM run.
# Needs a Java runtime (Debian: default-jre-headless) and `npm install` in
# tests/browser (for node_modules/vnu-jar). Prints "ok - NAME" /
# "not ok - NAME: reason" per file and "N passed, M failed" at the end.
set -u
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if [ $# -ne 1 ]; then echo "usage: tests/browser/vnu.sh SITE_DIR" >&2; exit 2; fi
site=$(cd "$1" 2>/dev/null && pwd) || { echo "vnu.sh: no such directory: $1" >&2; exit 2; }
[ -f "$site/index.html" ] || { echo "vnu.sh: $site/index.html not found" >&2; exit 2; }
[ -f "$jar" ] || { echo "vnu.sh: $jar missing; run npm install in tests/browser" >&2; exit 2; }
command -v java >/dev/null || { echo "vnu.sh: java not found (apt-get install -y default-jre-headless)" >&2; exit 2; }

list=$(mktemp)
out=$(mktemp)
trap 'rm -f "$list" "$out"' EXIT

# Every page that is not a port page.
(cd "$site" && find . -name '*.html' -not -path './port/*' | sed 's|^\./||' | sort) > "$list"
# The port sample: edges of the ranges, the ends, and every 331st port.
{
  for p in 0 1 2 3 4 5 6 7 8 9 1022 1023 1024 1025 49150 49151 49152 49153 65526 65527 65528 65529 65530 65531 65532 65533 65534 65535; do echo "$p"; done
  p=0; while [ $p -le 65535 ]; do echo "$p"; p=$((p + 331)); done
} | sort -n -u | sed 's|.*|port/&.html|' >> "$list"

missing=0
files=()
while IFS= read -r rel; do
  if [ -f "$site/$rel" ]; then files+=("$site/$rel"); else echo "not ok - $rel: file missing"; missing=$((missing + 1)); fi
done < "$list"

# One JVM for all files (xargs only splits if the command line gets too long).
printf '%s\0' "${files[@]}" | xargs -0 java -Xss2m -jar "$jar" --errors-only --format gnu --exit-zero-always > "$out" 2>&1

# gnu format: "file:/PATH":LINE.COL-LINE.COL: error: MESSAGE
sed -i 's|^"file:/|"/|' "$out"
passed=0
failed=$missing
for f in "${files[@]}"; do
  rel=${f#"$site"/}
  errs=$(grep -F "\"$f\":" "$out" | grep -c ': error:' || true)
  if [ "$errs" -eq 0 ]; then
    echo "ok - vnu $rel"; passed=$((passed + 1))
  else
    first=$(grep -F "\"$f\":" "$out" | grep ': error:' | head -n 3 | sed "s|\"$f\":||" | tr '\n' ' ')
    echo "not ok - vnu $rel: $errs error(s): $first"; failed=$((failed + 1))
  fi
done
# Anything vnu printed that is not tied to one of our files (e.g. a crash).
other=$(grep -v -F "\"$site/" "$out" | grep -v '^[[:space:]]*$' || true)
if [ -n "$other" ]; then
  echo "not ok - vnu run: $(echo "$other" | head -n 3 | tr '\n' ' ')"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
