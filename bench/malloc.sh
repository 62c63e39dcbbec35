#!/usr/bin/env bash
# bench/malloc.sh — what glibc's malloc settings cost caregap on one machine:
# two throwaway clusters of the same build and configuration (shared_buffers
# 512MB, work_mem 512MB, jit off, serial plans), one started as glibc comes,
# one with the setting docs/scaling.md recommends for large buffers
#   GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=134217728
# (buffers up to 32 MB from the heap; up to 128 MB of freed memory kept for
# the next query instead of new pages, each a page fault when first written).
# The same tables in both: 2,000,000 rows with the columns of bench/citus.sh,
# and for the spatial statistics 200,000 units on a ring (400,000 links).
# Each query runs on the two servers in turn, in rounds (one untimed round,
# then REPS, default 5), one session on each; the median wall time of each,
# taken by the client (psycopg2), and default / retain.
# Usage: bash bench/malloc.sh   (as root, after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-psycopg2 >/dev/null
make -s >/dev/null && make -s install >/dev/null
BIN=/usr/lib/postgresql/$PGV/bin
TUNE=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=134217728
W=$(mktemp -d /tmp/cg-malloc.XXXXXX)
chown postgres: "$W"
as_pg() { runuser -u postgres -- "$@"; }
stop_all() { for p in 5821 5822; do as_pg "$BIN/pg_ctl" -D "$W/n$p" -m immediate stop >/dev/null 2>&1 || true; done; rm -rf "$W"; }
trap stop_all EXIT
for p in 5821 5822; do
  as_pg "$BIN/initdb" -D "$W/n$p" -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>&1
  printf '%s\n' "port = $p" "unix_socket_directories = '$W'" "listen_addresses = ''" "shared_buffers = 512MB" \
    "work_mem = 512MB" "jit = off" "max_parallel_workers_per_gather = 0" >> "$W/n$p/postgresql.conf"
done
as_pg "$BIN/pg_ctl" -D "$W/n5821" -l "$W/n5821.log" -w start >/dev/null
as_pg env GLIBC_TUNABLES="$TUNE" "$BIN/pg_ctl" -D "$W/n5822" -l "$W/n5822.log" -w start >/dev/null
for p in 5821 5822; do
  psql -X -q -v ON_ERROR_STOP=1 -h "$W" -p $p -U postgres <<'SQL'
CREATE EXTENSION caregap;
CREATE TABLE pd AS
SELECT g::bigint AS id, (1.5 + (g * 37 % 11) + g / 7.0)::float8 AS x, (1 + g % 4)::float8 AS w,
       (g * 13 % 17)::float8 AS s, (1 + g * 7 % 19)::float8 AS d, (g * 29 % 31)::float8 AS r
  FROM generate_series(1, 2000000) g;
CREATE TABLE sp AS SELECT * FROM pd WHERE id <= 200000;
CREATE TABLE pw(i bigint, j bigint);
INSERT INTO pw SELECT g, g % 200000 + 1 FROM generate_series(1, 200000) g;
INSERT INTO pw SELECT g % 200000 + 1, g FROM generate_series(1, 200000) g;
VACUUM ANALYZE;
SQL
done
echo "malloc benchmark: $(date -u +%F), PostgreSQL $PGV, caregap $(git rev-parse --short HEAD), $(nproc) cores"
echo "default: glibc as it comes; retain: GLIBC_TUNABLES=$TUNE"
W="$W" REPS="${REPS:-5}" /usr/bin/python3 - <<'PY'
import os, statistics, time
import psycopg2
W, reps = os.environ["W"], int(os.environ["REPS"])
conns = {n: psycopg2.connect(host=W, port=p, user="postgres", dbname="postgres")
         for n, p in (("default", 5821), ("retain", 5822))}
for c in conns.values():
    c.autocommit = True
opt = "caregap.spatial_options(permutations => 99, seed => 7)"
queries = [
    ("sum(x) (PostgreSQL)", "SELECT sum(x) FROM pd"),
    ("percentile_cont(0.5) (PostgreSQL)", "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM pd"),
    ("theil_t(x, w)", "SELECT caregap.theil_t(x, w) FROM pd"),
    ("gini(x, w)", "SELECT caregap.gini(x, w) FROM pd"),
    ("lorenz_curve(x, w, 11)", "SELECT caregap.lorenz_curve(x, w, 11)::text FROM pd"),
    ("hoover(s, d)", "SELECT caregap.hoover(s, d) FROM pd"),
    ("concentration_index(x, w, r)", "SELECT caregap.concentration_index(x, w, r) FROM pd"),
    ("breaks(x, 7, 'quantile')", "SELECT caregap.breaks(x, 7, 'quantile')::text FROM pd"),
    ("breaks(x, 7, 'fisher_jenks')", "SELECT caregap.breaks(x, 7, 'fisher_jenks')::text FROM pd"),
    ("moran_i, 200,000 units", f"SELECT (caregap.moran_i(id, x, 'pw'::regclass, {opt})).value FROM sp"),
    ("gini_spatial, 200,000 units", f"SELECT (caregap.gini_spatial(id, x, 'pw'::regclass, {opt})).gini FROM sp"),
    ("local_moran, 200,000 units", f"SELECT count(*) FILTER (WHERE (m).p_value < 0.05) FROM (SELECT caregap.local_moran(id, x, 'pw'::regclass, {opt}) OVER () AS m FROM sp) q"),
]
print(f"{'query':36s} {'default ms':>11s} {'retain ms':>10s} {'default/retain':>15s}")
for label, q in queries:
    t = {n: [] for n in conns}
    for r in range(reps + 1):
        for n, c in conns.items():
            cur = c.cursor()
            t0 = time.perf_counter()
            cur.execute(q)
            cur.fetchall()
            if r:
                t[n].append(1000 * (time.perf_counter() - t0))
    a, b = statistics.median(t["default"]), statistics.median(t["retain"])
    print(f"{label:36s} {a:11.1f} {b:10.1f} {a / b:15.2f}")
PY
