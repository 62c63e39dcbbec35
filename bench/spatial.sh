#!/usr/bin/env bash
# bench/spatial.sh — local and global Moran's I with 999 permutations against
# GeoDa's own library (@geoda/lisa, libgeoda in WebAssembly, node 20) and R
# spdep (localmoran_perm, moran.mc), on the same data and machine, one core
# each, interleaved: every round runs caregap, then GeoDa, then spdep.
# Data: the real dongs (data/korea_dong: 3,400 units with queen neighbours,
# share of people aged 65+), a 60 x 60 queen lattice (3,600 units, 27,848 links)
# and a 100 x 100 one (10,000 units).
# Prints medians of ROUNDS rounds, the ratios, the time of 99,999 local
# permutations on the lattice, and peak memory (VmHWM of the backend, and
# max RSS of node and R).
# Usage: bash bench/spatial.sh   (needs scripts/setup.sh; installs node's
# package under bench/geoda and Debian's r-cran-spdep when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
  if ! Rscript -e 'library(spdep)' >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q r-cran-spdep time >/dev/null
  fi
  [ -d bench/geoda/node_modules/@geoda/lisa ] || (cd bench/geoda && npm ci --no-audit --no-fund >/dev/null)
  exec pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=1GB -o work_mem=256MB \
       -o jit=off -o max_parallel_workers_per_gather=0 bash "$0" "$@"
fi
ROUNDS=${ROUNDS:-5}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS caregap' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
-- the dongs that have neighbours (islands have no local statistic)
CREATE TABLE b_dong AS
SELECT adm_code AS id, pop_65plus::float8 / pop_total AS x FROM korea_dong.dong
 WHERE pop_total > 0 AND adm_code IN (SELECT i FROM korea_dong.dong_links);
CREATE TABLE b_dong_nb AS SELECT i, j FROM korea_dong.dong_links WHERE i IN (SELECT id FROM b_dong) AND j IN (SELECT id FROM b_dong);
CREATE TABLE b_lat60 AS SELECT g AS id, sin(g * 0.37) + 0.01 * (g / 60) AS x FROM generate_series(0, 3599) g;
CREATE TABLE b_lat60_nb AS
SELECT a.id AS i, b.id AS j FROM b_lat60 a JOIN b_lat60 b
    ON b.id <> a.id AND abs(a.id / 60 - b.id / 60) <= 1 AND abs(a.id % 60 - b.id % 60) <= 1;
CREATE TABLE b_lat AS SELECT g AS id, sin(g * 0.37) + 0.01 * (g / 100) AS x FROM generate_series(0, 9999) g;
CREATE TABLE b_lat_nb AS
SELECT a.id AS i, b.id AS j FROM b_lat a JOIN b_lat b
    ON b.id <> a.id AND abs(a.id / 100 - b.id / 100) <= 1 AND abs(a.id % 100 - b.id % 100) <= 1;
ANALYZE;
SQL
for d in dong lat60 lat; do
  psql -X -q -At -c "COPY (SELECT id, x FROM b_$d ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER true)" > "$W/$d.csv"
  psql -X -q -At -c "COPY (SELECT i, j FROM b_${d}_nb ORDER BY i, j) TO STDOUT WITH (FORMAT csv, HEADER true)" > "$W/${d}_nb.csv"
  psql -X -q -At -c "
    WITH u AS (SELECT id, x, row_number() OVER (ORDER BY id) - 1 AS k FROM b_$d),
         nb AS (SELECT a.k, coalesce(json_agg(b.k ORDER BY b.k) FILTER (WHERE b.k IS NOT NULL), '[]') AS n
                  FROM u a LEFT JOIN b_${d}_nb l ON l.i = a.id LEFT JOIN u b ON b.id = l.j GROUP BY a.k)
    SELECT json_build_object('x', (SELECT json_agg(x ORDER BY k) FROM u), 'neighbors', (SELECT json_agg(n ORDER BY k) FROM nb))" > "$W/$d.json"
done

sql_ms() {   # one timed run after one untimed, in one session
  { echo '\o /dev/null'; echo "$1;"; echo '\timing on'; echo "$1;"; } |
    psql -X -q -v ON_ERROR_STOP=1 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "spatial benchmark, $(date -u +%F), $(nproc) cores; PostgreSQL $(psql -X -At -c 'SHOW server_version'):"
echo "work_mem=256MB, jit=off, no parallel workers; warm: each tool runs once untimed before its timed run,"
echo "in every round; median of $ROUNDS rounds, the three tools interleaved in each round; 999 permutations"
for d in dong lat60 lat; do
  n=$(wc -l < "$W/$d.csv"); n=$((n - 1)); m=$(($(wc -l < "$W/${d}_nb.csv") - 1))
  : > "$W/l_cg"; : > "$W/l_geo"; : > "$W/l_r"; : > "$W/g_cg"; : > "$W/g_r"
  for _ in $(seq "$ROUNDS"); do
    sql_ms "SELECT sum((r).p_sim) FROM (SELECT caregap.local_moran(id, x, 'b_${d}_nb') OVER () AS r FROM b_$d) s" >> "$W/l_cg"
    node bench/geoda/lisa_bench.mjs "$W/$d.json" 999 2 | tail -1 | awk '{ print $2 }' >> "$W/l_geo"
    Rscript bench/r_spatial.R "$W/$d.csv" "$W/${d}_nb.csv" local 999 2>/dev/null | awk '{ print $2 }' >> "$W/l_r"
    sql_ms "SELECT (caregap.moran_i(id, x, 'b_${d}_nb'::regclass, 999)).p_sim FROM b_$d" >> "$W/g_cg"
    Rscript bench/r_spatial.R "$W/$d.csv" "$W/${d}_nb.csv" global 999 2>/dev/null | awk '{ print $2 }' >> "$W/g_r"
  done
  lc=$(median < "$W/l_cg"); lg=$(median < "$W/l_geo"); lr=$(median < "$W/l_r"); gc=$(median < "$W/g_cg"); gr=$(median < "$W/g_r")
  printf '\n[%s] %d units, %d links\n' "$d" "$n" "$m"
  printf '  local Moran:  caregap %8.1f ms   GeoDa %8.1f ms (%sx)   spdep localmoran_perm %9.1f ms (%sx)\n' \
    "$lc" "$lg" "$(ratio "$lg" "$lc")" "$lr" "$(ratio "$lr" "$lc")"
  printf '  global Moran: caregap %8.1f ms   spdep moran.mc %9.1f ms (%sx)\n' "$gc" "$gr" "$(ratio "$gr" "$gc")"
done

echo
pid_q="SELECT pg_backend_pid()"
t=$( { echo '\timing on'; echo '\o /dev/null';
       echo "SELECT sum((r).p_sim) FROM (SELECT caregap.local_moran(id, x, 'b_lat_nb', permutations => 99999) OVER () AS r FROM b_lat) s;";
       echo '\o'; echo "SELECT 'pid', pg_backend_pid();"; } | psql -X -q -At 2>&1)
ms=$(echo "$t" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | head -1)
pid=$(echo "$t" | sed -n 's/^pid|//p')
echo "local Moran, 99,999 permutations, 10,000-unit lattice: $ms ms (one core; interruptible: statement_timeout is tested in sql/spatial.sql)"
mem() {  # peak resident memory of one process running the command, in MB
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}
hwm=$( { echo '\o /dev/null';
         echo "SELECT sum((r).p_sim) FROM (SELECT caregap.local_moran(id, x, 'b_lat_nb') OVER () AS r FROM b_lat) s;";
         echo '\o'; echo 'SELECT pg_backend_pid() AS pid \gset'; echo '\setenv CGPID :pid';
         echo '\! awk '"'"'/VmHWM/ { printf "%.0f MB", $2 / 1024 }'"'"' /proc/$CGPID/status'; } | psql -X -q -At | tail -1)
echo "peak memory, local Moran on the lattice: caregap backend VmHWM $hwm (includes the shared buffers it touched),"
echo "  GeoDa (node) max RSS $(mem node bench/geoda/lisa_bench.mjs "$W/lat.json" 999 1) MB, R spdep max RSS $(mem Rscript bench/r_spatial.R "$W/lat.csv" "$W/lat_nb.csv" local 999) MB"
