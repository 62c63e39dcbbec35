#!/usr/bin/env bash
# bench/trend.sh — log_trend + trend_predict against what an analyst would
# otherwise use: PostgreSQL's own regr_* aggregates for the fit (no prediction
# interval: PostgreSQL has no Student t quantile), and R's lm + predict per
# unit on the same rows exported.  Data: the monthly 65+ panel of the 229
# units (caregap_korea), 2016-01 to 2025-12, replicated 50 times as 11,450
# series of 120 months (1,374,000 rows).  One throwaway cluster (pg_virtualenv),
# serial plans, the SQL forms interleaved, median of 5 runs each; R once.
# Usage: bash bench/trend.sh   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cat > "$W/run.sh" <<'SH'
set -euo pipefail
psql -X -q -c 'CREATE EXTENSION caregap' -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION caregap_korea' >/dev/null
psql -X -q <<'SQL' >/dev/null
CREATE TABLE panel AS
SELECT code || '-' || r AS series, extract(year FROM month) + (extract(month FROM month) - 1) / 12.0 AS t,
       (pop_65plus + r)::float8 AS y
  FROM caregap_korea.population_monthly, generate_series(1, 50) r;
ANALYZE panel;
SQL
psql -X -At -c "COPY (SELECT series, t, y FROM panel ORDER BY series, t) TO STDOUT WITH (FORMAT csv)" > "$W/panel.csv"
time_ms() { psql -X -q -At -c 'SET max_parallel_workers_per_gather = 0' -c '\timing on' -c "$1" 2>&1 | awk '/^Time:/ { print $2 }' | tail -1; }
# every output is used (sum), so that the planner cannot leave an aggregate out
CG="SELECT sum((s.f).slope + (s.f).intercept + (s.f).sigma + (s.f).r_squared + p.predicted + p.lower + p.upper)
      FROM (SELECT series, caregap.log_trend(t, y) AS f FROM panel GROUP BY series) s, caregap.trend_predict(s.f, 2030) p"
PG="SELECT sum(b + a + r2 + n + tm + sxx + syy + sxy) FROM (SELECT series, regr_slope(ln(y), t) AS b, regr_intercept(ln(y), t) AS a, regr_r2(ln(y), t) AS r2,
        regr_count(ln(y), t) AS n, regr_avgx(ln(y), t) AS tm, regr_sxx(ln(y), t) AS sxx, regr_syy(ln(y), t) AS syy,
        regr_sxy(ln(y), t) AS sxy FROM panel GROUP BY series) s"
for i in 1 2 3 4 5; do
  echo "cg $(time_ms "$CG")"
  echo "pg $(time_ms "$PG")"
done > "$W/times"
r=$(Rscript -e 'd <- read.csv(commandArgs(TRUE)[1], header = FALSE, col.names = c("s", "t", "y"));
  tm <- system.time(for (g in split(d, d$s)) { m <- lm(log(y) ~ t, g); p <- predict(m, data.frame(t = 2030), interval = "prediction") })[["elapsed"]];
  cat(tm * 1000)' "$W/panel.csv")
cg=$(awk '$1 == "cg" { print $2 }' "$W/times" | sort -n | sed -n 3p)
pg=$(awk '$1 == "pg" { print $2 }' "$W/times" | sort -n | sed -n 3p)
awk -v r="$r" -v cg="$cg" -v pg="$pg" 'BEGIN {
  printf "  caregap log_trend + trend_predict (fit and 95 %% interval): %8.1f ms\n", cg;
  printf "  PostgreSQL regr_* (the fit only, no interval):             %8.1f ms (%.2fx caregap)\n", pg, pg / cg;
  printf "  R lm + predict per series (on the exported rows):          %8.1f ms (%.0fx caregap)\n", r, r / cg }'
SH
echo "log-linear trend of 11,450 monthly series (229 units x 50), 1,374,000 rows, $(date -u +%F), PostgreSQL $PGV, serial, median of 5"
W="$W" pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' bash "$W/run.sh" 2>&1 | grep -v "^Creating\|^Dropping"
