#!/usr/bin/env bash
# bench/locate.sh — caregap.locate against HiGHS (scipy.optimize.milp) and COIN-OR
# CBC on the same MILP: p-median and MCLP (10 km) for p = 10 and 50, the 3,452
# dongs of Korea with a point as demand (people aged 65+) and 1,000 of them as
# candidates.  One throwaway cluster of the system's PostgreSQL; the cases run
# in turn, each solver after locate.  Needs python3-scipy, python3-psycopg2 and
# coinor-cbc (installs them when missing).
#   bash bench/locate.sh [LIMIT_SECONDS] [CASES]   e.g. 600 p_median:10,mclp:50
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
need=()
for p in python3-scipy python3-psycopg2 coinor-cbc; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
[ ${#need[@]} -eq 0 ] || { apt-get update -q && apt-get install -y -q "${need[@]}"; }
make -s && make -s install >/dev/null
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), PostgreSQL $PGV"
LIMIT=${1:-600} CASES=${2:-p_median:10,p_median:50,mclp:10,mclp:50} \
pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' sh -c '
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null &&
  /usr/bin/python3 bench/locate_milp.py "$LIMIT" "$CASES"'
