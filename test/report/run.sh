#!/usr/bin/env bash
# The report of every area: for Gyeonggi the HTML report renders (built on a
# real server inside pg_virtualenv, opened in headless Chromium, a screenshot
# and the rendered DOM); then for each of the 17 sido and for Korea the views,
# the printed report (every section present, with its figures or the reason
# it has none) and the HTML page with a map path per unit, rendered in
# Chromium too.  Prints TAP lines and, last, "report: N passed, M failed".
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
check '[ "$(grep -o "class=\"site-mclp\"" "$out/dom.html" | wc -l)" -eq 5 ] && [ "$(grep -o "class=\"site-equity\"" "$out/dom.html" | wc -l)" -eq 5 ] && grep -q "id=\"next-hospitals\"" "$out/dom.html"' \
  "the next 5 nursing hospitals of each plan are marked on the map, with their effect table"
# every area: the 17 sido and Korea
for sido in $(cut -d, -f2 data/korea/care/municipalities.csv | sed 1d | sort -u) all; do
  psql -X -q -v ON_ERROR_STOP=1 -v sido="$sido" -f demo/views.sql >/dev/null 2>"$out/err" &&
    psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql > "$out/report-$sido.txt" 2>>"$out/err" &&
    psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report_html.sql > "$out/report-$sido.html" 2>>"$out/err"
  rc=$?
  units=$(psql -X -At -c "SELECT units FROM report.area" 2>/dev/null)
  check '[ "$rc" = 0 ] && [ ! -s "$out/err" ]' "area $sido ($units units): views, report and HTML run without an error $(head -c 200 "$out/err")"
  sections=$(grep -cE '^ ?(1|2|3|4|5|6|7|8|9|10|11|12)\. ' "$out/report-$sido.txt")
  check '[ "$sections" = 12 ]' "area $sido: all 12 sections are printed ($sections)"
  if [ "${units:-0}" -ge 8 ]; then
    check 'grep -q "morans_i" "$out/report-$sido.txt" && grep -qE "^ rank \| code" "$out/report-$sido.txt"' "area $sido: Moran's I and the index are computed"
  else
    check 'grep -q "is not a statistic" "$out/report-$sido.txt" && ! grep -q "morans_i" "$out/report-$sido.txt"' "area $sido: fewer than 8 units, so Moran's I says why not and the dongs answer"
  fi
  check '[ "$(grep -o "class=\"unit\"" "$out/report-$sido.html" | wc -l)" = "$units" ]' "area $sido: the HTML map has a path for each of its $units units"
done
timeout 120 chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$out/report-50.html" > "$out/dom50.html" 2>/dev/null
check '[ "$(grep -o "class=\"unit\"" "$out/dom50.html" | wc -l)" -eq 2 ] && grep -q "Jeju" "$out/dom50.html"' "Jeju's HTML report renders in Chromium with its 2 units"
timeout 180 chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$out/report-all.html" > "$out/domall.html" 2>/dev/null
check '[ "$(grep -o "class=\"unit\"" "$out/domall.html" | wc -l)" -eq 229 ]' "Korea's HTML report renders in Chromium with its 229 units"
echo "1..$n"
echo "report: $pass passed, $fail failed"
