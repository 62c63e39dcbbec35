#!/usr/bin/env bash
# bench/costs.sh — reading an origin-destination cost query (fca and locate's
# `costs`), against reading the same query alone and against the release
# before (REV, default 6218e71: the cost query run whole through SPI), built
# from git as a second extension, caregap_prev, in one throwaway cluster.
# Data: the 3,452 dongs of Korea with a point (people aged 65+) as demand and
# 1,000 of them as sites (the first by md5 of the code): 3,452,000 pairs of
# great-circle km computed in plain SQL, in the order of the cross join
# (each demand point's sites in one order) and shuffled.  Each query runs in
# rounds with its twin in one session (untimed round, then REPS timed; new,
# old, old, new), serial, jit off; printed: medians, and the ratios to the
# previous release, to the query read alone (count(*)) and, for locate, to
# the same answer on coordinates.
# Usage: bash bench/costs.sh [REV]   (as root, after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
. bench/lib.sh
prev_setup "${1:-6218e71}"
cat > "$W/run.sh" <<'SH'
set -euo pipefail
. bench/lib.sh
psql -X -q -c "ALTER SYSTEM SET jit = off" -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 0" \
     -c "SELECT pg_reload_conf()" >/dev/null
psql -X -q -c 'CREATE EXTENSION caregap' -c 'CREATE EXTENSION caregap_prev' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
CREATE TABLE dem AS SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population
  FROM korea_dong.dong WHERE lon IS NOT NULL;
CREATE TABLE site AS SELECT adm_code AS id, lon, lat, 100::float8 AS capacity
  FROM korea_dong.dong WHERE lon IS NOT NULL ORDER BY md5(adm_code::text) LIMIT 1000;
CREATE TABLE od AS
SELECT d.id AS demand_id, s.id AS supply_id,
       2 * 6371.0088 * asin(sqrt(sin(radians(s.lat - d.lat) / 2) ^ 2
                                 + cos(radians(d.lat)) * cos(radians(s.lat)) * sin(radians(s.lon - d.lon) / 2) ^ 2)) AS cost
  FROM dem d CROSS JOIN site s;
SELECT setseed(0.5);
CREATE TABLE od_shuffled AS SELECT * FROM od ORDER BY random();
VACUUM ANALYZE;
SQL
echo "# $(psql -X -Atc 'SELECT count(*) FROM od') cost rows; $(nproc) cores; PostgreSQL $(psql -X -Atc 'SHOW server_version'); medians of $REPS rounds"
printf '%-40s %9s %9s %8s %9s %8s\n' query "new ms" "old ms" new/old "read ms" new/read
row() {  # name, query template with @ for the schema and TBL for the cost table
  local q=${2//TBL/$3} q_new q_old tn1 to1 to2 tn2 tr tn to
  q_new=${q//@/caregap} q_old=${q//@/caregap_prev}
  read -r tr tn1 to1 to2 tn2 < <(time_rounds serial "SELECT count(*) FROM (SELECT demand_id, supply_id, cost FROM $3) t" \
                                             serial "$q_new" serial "$q_old" serial "$q_old" serial "$q_new")
  tn=$(awk -v a="$tn1" -v b="$tn2" 'BEGIN { print (a + b) / 2 }')
  to=$(awk -v a="$to1" -v b="$to2" 'BEGIN { print (a + b) / 2 }')
  printf '%-40s %9.1f %9.1f %8s %9.1f %8s\n' "$1" "$tn" "$to" "$(ratio "$tn" "$to")" "$tr" "$(ratio "$tn" "$tr")"
}
FCA="SELECT sum(access) FROM @.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM site', 10, costs => 'SELECT * FROM TBL')"
MCLP="SELECT min(objective) FROM @.locate('SELECT id, population FROM dem', 'SELECT id FROM site', 10, 'mclp', 10, costs => 'SELECT * FROM TBL')"
row "fca 2SFCA 10 km, rows as joined" "$FCA" od
row "fca 2SFCA 10 km, rows shuffled" "$FCA" od_shuffled
row "locate mclp p=10 10 km, rows as joined" "$MCLP" od
row "locate mclp p=10 10 km, rows shuffled" "$MCLP" od_shuffled
read -r tc < <(time_rounds serial "SELECT min(objective) FROM caregap.locate('SELECT id, lon, lat, population FROM dem', 'SELECT id, lon, lat FROM site', 10, 'mclp', 10)")
echo "locate mclp p=10 on coordinates (the same dongs, great-circle km): $tc ms"
echo "objectives (new, old, coordinates): $(psql -X -Atc "SELECT (SELECT min(objective) FROM caregap.locate('SELECT id, population FROM dem', 'SELECT id FROM site', 10, 'mclp', 10, costs => 'SELECT * FROM od')), (SELECT min(objective) FROM caregap_prev.locate('SELECT id, population FROM dem', 'SELECT id FROM site', 10, 'mclp', 10, costs => 'SELECT * FROM od')), (SELECT min(objective) FROM caregap.locate('SELECT id, lon, lat, population FROM dem', 'SELECT id, lon, lat FROM site', 10, 'mclp', 10))")"
SH
pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=1GB -o work_mem=256MB bash "$W/run.sh"
