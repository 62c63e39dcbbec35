#!/usr/bin/env bash
# Set up (scripts/setup.sh), start a throwaway PostgreSQL 15 cluster, create
# the report views over caregap's Gyeonggi long-term care data and print the
# report.  The cluster is removed when the report is done.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' sh -c '
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION caregap" &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/views.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql'
