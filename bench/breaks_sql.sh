#!/usr/bin/env bash
# bench/breaks_sql.sh — class breaks in SQL, end to end, against PostgreSQL's
# own percentile_cont on the same table: 1,000,000 lognormal values (exp of
# 3 random()), k = 7, serial plans, jit off; the three queries in rounds in one
# session (an untimed round, then REPS, default 5); medians.  A throwaway
# cluster (pg_virtualenv) of the host's PostgreSQL.
# Usage: bash bench/breaks_sql.sh   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
if [ -z "${PGHOST:-}" ]; then
  make -s >/dev/null && make -s install >/dev/null
  exec pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=512MB -o work_mem=512MB \
       -o jit=off bash "$0" "$@"
fi
. bench/lib.sh
psql -X -q -c 'CREATE EXTENSION caregap' -c 'SELECT setseed(0.42)' \
     -c 'CREATE TABLE v AS SELECT exp(random() * 3)::float8 AS x FROM generate_series(1, 1000000)' -c 'VACUUM ANALYZE v' >/dev/null
Q="SELECT (caregap.breaks(x, 7, 'quantile')).bounds FROM v"
P="SELECT percentile_cont(ARRAY[1/7.0, 2/7.0, 3/7.0, 4/7.0, 5/7.0, 6/7.0, 1]::float8[]) WITHIN GROUP (ORDER BY x) FROM v"
F="SELECT (caregap.breaks(x, 7, 'fisher_jenks')).bounds FROM v"
read -r q p f < <(time_rounds serial "$Q" serial "$P" serial "$F")
echo "1,000,000 lognormal values, k = 7, serial, medians of $REPS rounds ($(date -u +%F), $(nproc) cores, PostgreSQL $PGV):"
printf '  breaks(x, 7, quantile)          %8.1f ms  (%s x percentile_cont)\n' "$q" "$(ratio "$q" "$p")"
printf '  percentile_cont(7 fractions)    %8.1f ms\n' "$p"
printf '  breaks(x, 7, fisher_jenks)      %8.1f ms\n' "$f"
