#!/usr/bin/env bash
# bench/access.sh — caregap.fca (2SFCA, 20 km) against the same 2SFCA written in
# plain SQL with PostGIS (ST_DWithin on geography with a GiST index), on
# 100,000 demand points and 10,000 supply sites spread over a Gyeonggi-sized
# box (setseed(0.11)), in the same session, interleaved (caregap, PostGIS,
# caregap, ...); then the pairs evaluated per second against the haversine
# throughput of a tight C loop (bench/kernel/haversine.c, the physical floor),
# the real Gyeonggi case end to end (541 dongs x 267 nursing hospitals), and
# the backend's peak memory.
# Usage: bash bench/access.sh [ROUNDS]   (after scripts/setup.sh; installs PostGIS)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
  dpkg-query -W -f='${Status}' postgresql-15-postgis-3 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-postgis-3 >/dev/null
  exec pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=1GB -o work_mem=256MB \
       -o jit=off -o max_parallel_workers_per_gather=0 bash "$0" "$@"
fi
ROUNDS=${1:-2}
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE EXTENSION IF NOT EXISTS caregap;
CREATE EXTENSION IF NOT EXISTS postgis;
SELECT setseed(0.11);
CREATE TABLE b_dem AS SELECT 'd' || g AS id, 126.4 + 1.5 * random() AS lon, 36.9 + 1.4 * random() AS lat,
                             (1 + 99 * random())::float8 AS population FROM generate_series(1, 100000) g;
CREATE TABLE b_sup AS SELECT 's' || g AS id, 126.4 + 1.5 * random() AS lon, 36.9 + 1.4 * random() AS lat,
                             (10 + 190 * random())::float8 AS capacity FROM generate_series(1, 10000) g;
ALTER TABLE b_dem ADD COLUMN geog geography;
UPDATE b_dem SET geog = ST_Point(lon, lat)::geography;
ALTER TABLE b_sup ADD COLUMN geog geography;
UPDATE b_sup SET geog = ST_Point(lon, lat)::geography;
CREATE INDEX ON b_sup USING gist (geog);
CREATE INDEX ON b_dem USING gist (geog);
VACUUM ANALYZE b_dem;
VACUUM ANALYZE b_sup;
SQL
psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null
CG="SELECT sum(access), sum(sites) FROM caregap.fca('SELECT id, lon, lat, population FROM b_dem', 'SELECT id, lon, lat, capacity FROM b_sup', 20)"
PG="WITH pairs AS (SELECT d.id AS did, s.id AS sid, d.population, s.capacity
                     FROM b_dem d JOIN b_sup s ON ST_DWithin(d.geog, s.geog, 20000, false)),
     r AS (SELECT sid, min(capacity) / sum(population) AS r FROM pairs GROUP BY sid)
SELECT sum(a), count(*) FROM (SELECT did, sum(r.r) AS a FROM pairs JOIN r USING (sid) GROUP BY did) x"
t=$( { echo '\o /dev/null'; echo '\timing on';
       for _ in $(seq "$ROUNDS"); do echo '\echo @cg'; echo "$CG;"; echo '\echo @pg'; echo "$PG;"; done; } |
     psql -X -q -v ON_ERROR_STOP=1 2>&1 | awk '/^@/ { q = $1; next } /^Time: / && q != "" { print q, $2; q = "" }')
med() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cg=$(echo "$t" | awk '$1 == "@cg" { print $2 }' | med)
pg=$(echo "$t" | awk '$1 == "@pg" { print $2 }' | med)
pairs=$(psql -X -q -At -c "$CG" | cut -d'|' -f2)
cc -O2 -o /tmp/caregap-haversine bench/kernel/haversine.c -lm
floor=$(/tmp/caregap-haversine 50 | awk '{ print $2 }')
echo "accessibility benchmark, $(date -u +%F), $(nproc) cores, PostgreSQL $(psql -X -At -c 'SHOW server_version'),"
echo "PostGIS $(psql -X -At -c 'SELECT postgis_lib_version()'); work_mem=256MB, jit=off, no parallel workers, warm;"
echo "medians of $ROUNDS interleaved rounds; 100,000 demand points, 10,000 sites, 2SFCA, 20 km"
echo "  caregap.fca: $cg ms; PostGIS SQL (ST_DWithin on geography, sphere, GiST): $pg ms; ratio $(awk -v a="$pg" -v b="$cg" 'BEGIN { printf "%.1f", a / b }')x"
echo "  pairs in reach: $pairs; caregap evaluates each twice (two passes): $(awk -v p="$pairs" -v t="$cg" 'BEGIN { printf "%.1f", 2 * p / t / 1000 }')M pair evaluations/s"
echo "  haversine in a tight C loop (the floor): $(awk -v f="$floor" 'BEGIN { printf "%.1f", f / 1e6 }')M pairs/s"
hwm=$( { echo '\o /dev/null'; echo "$CG;"; echo '\o'; echo 'SELECT pg_backend_pid() AS pid \gset'; echo '\setenv CGPID :pid';
         echo '\! awk '"'"'/VmHWM/ { printf "%.0f MB", $2 / 1024 }'"'"' /proc/$CGPID/status'; } | psql -X -q -At | tail -1)
echo "  backend peak memory (VmHWM, with shared buffers touched): $hwm"
REAL="SELECT count(*) FROM caregap.fca('SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population FROM korea_dong.dong WHERE sido = ''41'' AND lon IS NOT NULL', 'SELECT id, lon, lat, beds::float8 AS capacity FROM caregap.gyeonggi_nursing_hospital', 10)"
rt=$( { echo '\o /dev/null'; echo "$REAL;"; echo '\timing on'; echo "$REAL;"; echo "$REAL;"; echo "$REAL;"; } |
      psql -X -q 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | med)
echo "  real Gyeonggi case, 541 dongs x 267 nursing hospitals, 10 km, end to end: $rt ms"
