#!/usr/bin/env bash
# Set up (scripts/setup.sh), start a throwaway PostgreSQL cluster (the system's version), create
# the report views over the national reference data (caregap_korea) for one area and print the
# report, and write it as a self-contained HTML page.  The cluster is removed afterwards.
#   bash scripts/demo.sh            Gyeonggi-do (demo/out/report.html)
#   bash scripts/demo.sh 제주       another sido: a 2-digit code, or the start of its Korean or
#                                   English name (demo/out/report-50.html)
#   bash scripts/demo.sh 전국       all of Korea (also: all, korea; demo/out/report-all.html)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
area=${1:-41}
case "$area" in
  전국|all|ALL|korea|Korea|KOREA|national) sido=all ;;
  [0-9][0-9]) sido=$area ;;
  *) sido=$(awk -F, -v a="$area" 'NR > 1 && (index($3, a) == 1 || (length(a) > 1 && index(tolower($4), tolower(a)) == 1)) { print $2; exit }' \
              data/korea/care/municipalities.csv) ;;
esac
if [ -z "$sido" ] || { [ "$sido" != all ] && ! cut -d, -f2 data/korea/care/municipalities.csv | grep -qx "$sido"; }; then
  echo "demo.sh: no sido \"$area\" (give a 2-digit code such as 41, a name such as 제주 or Jeju, or 전국)" >&2
  exit 2
fi
out=demo/out/report.html
[ "$sido" = 41 ] || out=demo/out/report-$sido.html
bash scripts/setup.sh
SIDO=$sido OUT=$out pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' sh -c '
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION caregap" &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -v sido="$SIDO" -f demo/views.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql &&
  mkdir -p demo/out && psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report_html.sql > "$OUT"'
echo "The HTML report (map, Lorenz curve, rank intervals, allocation): $(pwd)/$out"
