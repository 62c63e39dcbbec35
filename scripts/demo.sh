#!/usr/bin/env bash
# Set up (scripts/setup.sh), start a throwaway PostgreSQL 15 cluster, load the
# Gyeonggi demo data and print the care-gap report.  The cluster is removed
# when the report is done.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' sh -c '
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION caregap" &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/data.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql'
