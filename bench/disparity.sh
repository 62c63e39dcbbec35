#!/usr/bin/env bash
# bench/disparity.sh — inequality aggregates against PostgreSQL built-ins.
#
# Builds a 10-million-row table (31 groups, setseed(0.42)) on a throwaway
# cluster and prints, from one run, median times and ratios (a moment measure
# and the built-in it is set against run in turn, in the same rounds):
#   moment-based (theil_t, theil_l, generalized_entropy(2), atkinson(0.5), cv)
#     / stddev_samp(x), serial; and their serial / 2-worker parallel speed-up
#   weighted theil_t(x, w) also / regr_sxy(x, w), a built-in on the same two
#     columns
#   gini(x, w) / percentile_cont(0.5) WITHIN GROUP (ORDER BY x)
#   Gini written in plain SQL with a window function / gini(x, w)
# over the whole table and grouped by 31.
# Usage: bash bench/disparity.sh [ROWS]   (run scripts/setup.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS=${1:-10000000}

if [ -z "${PGHOST:-}" ]; then
  exec pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=2GB -o work_mem=2GB \
       -o max_parallel_workers=4 -o jit=off bash "$0" "$@"
fi
. bench/lib.sh
REPS=${REPS:-3}

psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION IF NOT EXISTS caregap;
DROP TABLE IF EXISTS bench_ineq;
SELECT setseed(0.42);
CREATE TABLE bench_ineq AS
SELECT (i % 31) AS g, (random() * 100)::float8 + 0.001 AS x, (1 + random() * 9)::float8 AS w
  FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE bench_ineq;
SQL

echo "disparity benchmark: $ROWS rows, 31 groups, median of $REPS runs, $(date -u +%F)"
for grp in all g31; do
  if [ $grp = g31 ]; then G="g, "; GB=" GROUP BY g"; else G=""; GB=""; fi
  printf '\n[%s] each measure in rounds with stddev_samp(x): serial, serial, 2 workers\n' $grp
  printf '%-28s %9s %9s %9s %10s %10s\n' measure sd_ms serial_ms par_ms serial/sd speedup
  for m in "theil_t(x)" "theil_l(x)" "generalized_entropy(x, 2)" "atkinson(x, 0.5)" "cv(x)" "theil_t(x, w)"; do
    read -r sd_s s p < <(time_rounds serial "SELECT ${G}stddev_samp(x) FROM bench_ineq$GB" \
                                     serial "SELECT ${G}caregap.$m FROM bench_ineq$GB" \
                                     parallel "SELECT ${G}caregap.$m FROM bench_ineq$GB")
    printf '%-28s %9.0f %9.0f %9.0f %10s %10s\n' "$m" "$sd_s" "$s" "$p" "$(ratio $s $sd_s)" "$(ratio $s $p)"
  done
  read -r rs s < <(time_rounds serial "SELECT ${G}regr_sxy(x, w) FROM bench_ineq$GB" \
                               serial "SELECT ${G}caregap.theil_t(x, w) FROM bench_ineq$GB")
  printf 'theil_t(x, w) reads two columns: regr_sxy(x, w) %.0f ms, theil_t(x, w) %.0f ms (same rounds), ratio %s\n' \
    "$rs" "$s" "$(ratio $s $rs)"
  gi=$(time_ms serial "SELECT ${G}caregap.gini(x, w) FROM bench_ineq$GB")
  pc=$(time_ms serial "SELECT ${G}percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM bench_ineq$GB")
  if [ $grp = g31 ]; then
    sq="WITH t AS (SELECT g, sum(w) AS tw, sum(w * x) AS twx FROM bench_ineq GROUP BY g),
        s AS (SELECT g, x, w, sum(w) OVER (PARTITION BY g ORDER BY x ROWS UNBOUNDED PRECEDING) AS f FROM bench_ineq)
        SELECT g, sum(w * x * (2 * f - w - tw)) / min(tw * twx) FROM s JOIN t USING (g) GROUP BY g"
  else
    sq="WITH t AS (SELECT sum(w) AS tw, sum(w * x) AS twx FROM bench_ineq),
        s AS (SELECT x, w, sum(w) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS f FROM bench_ineq)
        SELECT sum(w * x * (2 * f - w - tw)) / min(tw * twx) FROM s, t"
  fi
  sql=$(time_ms serial "$sq")
  gip=$(time_ms parallel "SELECT ${G}caregap.gini(x, w) FROM bench_ineq$GB")
  printf 'gini(x, w): %.0f ms serial (%.0f ms parallel); percentile_cont(0.5): %.0f ms; plain-SQL Gini: %.0f ms\n' \
    "$gi" "$gip" "$pc" "$sql"
  printf 'gini / percentile_cont = %s   plain SQL / gini = %s\n' "$(ratio $gi $pc)" "$(ratio $sql $gi)"
done
echo
echo "targets: moment-based serial/sd <= 1.1, parallel speed-up >= 1.7; gini/percentile_cont <= 0.4; plain SQL/gini >= 7"
echo "memory of gini: 16 bytes a row in the state; while the final function runs, a sorted copy"
echo "(16 bytes a row) and a scratch buffer of the largest radix bucket (usually a few kB)"
