#!/usr/bin/env bash
# Set up (scripts/setup.sh), start a throwaway PostgreSQL cluster (the system's version), create
# the report views over caregap's Gyeonggi long-term care data and print the
# report, and write it as a self-contained HTML page (demo/out/report.html).
# The cluster is removed when the report is done.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
bash scripts/setup.sh
pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' sh -c '
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION caregap" &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/views.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql &&
  mkdir -p demo/out && psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report_html.sql > demo/out/report.html'
echo "The HTML report (map, Lorenz curve, rank intervals, allocation): $(pwd)/demo/out/report.html"
