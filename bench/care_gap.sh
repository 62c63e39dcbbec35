#!/usr/bin/env bash
# bench/care_gap.sh — care_gap against stddev_samp and against plain SQL.
#
# Builds a 10-million-row table (31 groups, setseed(0.42)) on a throwaway
# cluster and prints, from one run, the median time of each query as a ratio:
#   care_gap(s, d, target) / stddev_samp(s)   and   / the same in plain SQL
#   care_gap(s, d)         / stddev_samp(s)   and   / the same in plain SQL
# serial and with 2 parallel workers, over the whole table and grouped by 31.
# Usage: bash bench/care_gap.sh [ROWS]   (run scripts/setup.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS=${1:-10000000}

if [ -z "${PGHOST:-}" ]; then
  exec pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=2GB -o work_mem=1GB \
       -o max_parallel_workers=4 -o jit=off bash "$0" "$@"
fi
. bench/lib.sh

psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION IF NOT EXISTS caregap;
DROP TABLE IF EXISTS bench_gap;
SELECT setseed(0.42);
CREATE TABLE bench_gap AS
SELECT (i % 31) AS g,
       round((random() * 120)::numeric, 1)::float8 AS s,
       round((random() * 4000)::numeric)::float8 + 1 AS d
  FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE bench_gap;
SQL

TARGET=0.03
declare -A Q
for grp in all g31; do
  if [ $grp = g31 ]; then G="g, "; GB=" GROUP BY g"; J="JOIN r USING (g)"; GR="g, "; else G=""; GB=""; J="CROSS JOIN r"; GR=""; fi
  Q[$grp.stddev]="SELECT ${G}stddev_samp(s) FROM bench_gap$GB"
  Q[$grp.target]="SELECT ${G}caregap.care_gap(s, d, $TARGET) FROM bench_gap$GB"
  Q[$grp.pooled]="SELECT ${G}caregap.care_gap(s, d) FROM bench_gap$GB"
  # the same fields in plain SQL: units, sums, shortfall, surplus, units short, zero demand, gap index
  Q[$grp.sql_target]="SELECT ${G}count(*), sum(s), sum(d), sum(greatest(0, $TARGET * d - s)) AS short,
        sum(greatest(0, s - $TARGET * d)), count(*) FILTER (WHERE $TARGET * d > s), count(*) FILTER (WHERE d = 0),
        sum(greatest(0, $TARGET * d - s)) / ($TARGET * sum(d)) FROM bench_gap$GB"
  Q[$grp.sql_pooled]="WITH r AS (SELECT ${GR}sum(s) / sum(d) AS r FROM bench_gap$GB)
        SELECT ${G}count(*), sum(s), sum(d), sum(greatest(0, r * d - s)), sum(greatest(0, s - r * d)),
        count(*) FILTER (WHERE r * d > s), count(*) FILTER (WHERE d = 0),
        sum(greatest(0, r * d - s)) / (min(r) * sum(d)) FROM bench_gap $J$GB"
done

echo "care_gap benchmark: $ROWS rows, 31 groups, median of $REPS runs, $(date -u +%F)"
printf '%-9s %-8s %9s %9s %9s | %11s %11s | %11s %11s\n' scope mode stddev_ms target_ms pooled_ms \
  target/sd target/sql pooled/sd pooled/sql
for grp in all g31; do
  for mode in serial parallel; do
    sd=$(time_ms $mode "${Q[$grp.stddev]}")
    tg=$(time_ms $mode "${Q[$grp.target]}")
    pl=$(time_ms $mode "${Q[$grp.pooled]}")
    st=$(time_ms $mode "${Q[$grp.sql_target]}")
    sp=$(time_ms $mode "${Q[$grp.sql_pooled]}")
    printf '%-9s %-8s %9.0f %9.0f %9.0f | %11s %11s | %11s %11s\n' $grp $mode "$sd" "$tg" "$pl" \
      "$(ratio $tg $sd)" "$(ratio $tg $st)" "$(ratio $pl $sd)" "$(ratio $pl $sp)"
  done
done
echo "targets: target/sd <= 1.2, pooled/sd <= 2, both /sql < 1"
