#!/usr/bin/env bash
# The HTML report renders: build it on a real server (run inside
# pg_virtualenv), open it in headless Chromium (Debian's chromium), take a
# screenshot and dump the rendered DOM.  Prints TAP lines and, last,
# "report: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0; fail=0; n=0
check() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; pass=$((pass + 1)); else echo "not ok $n - $2"; fail=$((fail + 1)); fi; }
psql -X -q -v ON_ERROR_STOP=1 -c 'DROP EXTENSION IF EXISTS caregap CASCADE' -c 'CREATE EXTENSION caregap' >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/views.sql >/dev/null &&
  psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report_html.sql > "$out/report.html"
check '[ -s "$out/report.html" ]' "the report is written ($(wc -c < "$out/report.html") bytes)"
check '[ "$(grep -o "class=\"unit\"" "$out/report.html" | wc -l)" -eq 31 ]' "the map has a path for each of the 31 municipalities"
check '! grep -qE "https?://[^\"]*\.(js|css|png|woff)" "$out/report.html"' "no resource is fetched from the network"
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
  --screenshot="$out/report.png" "file://$out/report.html" >/dev/null 2>&1
check '[ -s "$out/report.png" ]' "headless Chromium takes a screenshot"
size=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$out/report.png" 2>/dev/null)
check '[ "$size" = "1200x2400" ]' "the screenshot is 1200x2400 ($size)"
check '[ "$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)" -gt 50000 ]' "the screenshot is not blank ($(stat -c %s "$out/report.png" 2>/dev/null) bytes)"
timeout 120 chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$out/report.html" > "$out/dom.html" 2>/dev/null
check '[ "$(grep -o "class=\"unit\"" "$out/dom.html" | wc -l)" -eq 31 ]' "the rendered DOM holds the 31 map paths"
check 'grep -q "id=\"legend\"" "$out/dom.html" && grep -q "id=\"lorenz\"" "$out/dom.html" && grep -q "id=\"ranks\"" "$out/dom.html" && grep -q "id=\"allocation\"" "$out/dom.html"' \
  "legend, Lorenz curve, rank intervals and allocation table are rendered"
check '[ "$(grep -o "class=\"interval\"" "$out/dom.html" | wc -l)" -eq 31 ]' "a rank interval for each municipality"
echo "1..$n"
echo "report: $pass passed, $fail failed"
