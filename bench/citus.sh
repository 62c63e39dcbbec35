#!/usr/bin/env bash
# bench/citus.sh — every caregap aggregate on Citus: distributed (32 shards on
# two workers, partial aggregation) against the same rows in a local table of
# the coordinator, and, for the 49 aggregates whose state was 'internal' in
# 1.0.0, against 1.0.0's own plan on the same distributed table (Citus pulls
# every row to the coordinator; 1.0.0 is built from git as a second extension,
# caregap_prev).  A coordinator and two workers on this machine (they share
# its cores), scripts/citus-cluster.sh; 2,000,000 rows (the columns of
# test/citus/citus.sql); the spatial statistics over 200,000 units on a ring
# (reference-table weights, 99 permutations).  Local and distributed run in
# rounds in one session (an untimed round, then REPS, default 3); medians.
# Prints per aggregate: local ms, distributed ms, distributed / local, 1.0.0
# pulled ms, pulled / distributed; first the same for four of PostgreSQL's own
# aggregates, which Citus distributes natively (the cost of distribution itself).
# MALLOC=retain starts the three servers with glibc's malloc told to keep
# freed memory (GLIBC_TUNABLES: mmap_threshold 32 MB, trim_threshold 128 MB)
# instead of taking fresh pages for every large buffer (docs/scaling.md);
# MALLOC=default (the default) leaves glibc as it is.
# Usage: bash bench/citus.sh CITUS_SOURCE_DIR [REV]   (as root, PostgreSQL 15)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. scripts/citus-cluster.sh
REPS=${REPS:-3}
REV=${2:-997b1f2}
case ${MALLOC:-default} in
  default) ;;
  retain) export CITUS_GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=134217728 ;;
  *) echo "MALLOC is default or retain" >&2; exit 2 ;;
esac
echo "# malloc: ${MALLOC:-default}${CITUS_GLIBC_TUNABLES:+ (GLIBC_TUNABLES=$CITUS_GLIBC_TUNABLES)}"
# the coordinator keeps its connections to the workers between statements (the
# default caches one per worker; each further one would be set up per query)
CITUS_SHARED_BUFFERS=512MB CITUS_WORK_MEM=512MB CITUS_EXTRA_CONF="citus.max_cached_conns_per_worker = 16" citus_up "${1:?usage: bench/citus.sh CITUS_SOURCE_DIR [REV]}"
# caregap 1.0.0 beside 1.1.0 (both linked -Bsymbolic), as bench/states.sh does
install_prev "$REV" "$CITUS_DIR/prev"
trap 'stop_all; remove_prev' EXIT
psql -X -q -c 'CREATE EXTENSION caregap_prev' 
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
CREATE TABLE pd_local AS
SELECT g::bigint AS id, (1.5 + (g * 37 % 11) + g / 7.0)::float8 AS x, (1 + g % 4)::float8 AS w,
       (g * 13 % 17)::float8 AS s, (1 + g * 7 % 19)::float8 AS d, (g % 5)::text AS grp,
       (g * 29 % 31)::float8 AS r, (2020 + g % 9)::float8 AS t, (1000 * exp(0.02 * (g % 9)) + g)::float8 AS y,
       NULL::bytea AS dst, NULL::float8[] AS ist
  FROM generate_series(1, 2000000) g;
-- stored states on one row in 100 (distribution_merge, ineq_merge skip NULLs)
UPDATE pd_local SET dst = (SELECT caregap.distribution_state(v) FROM (VALUES (x), (x + 1)) q(v)),
                    ist = (SELECT caregap.theil_t_state(v) FROM (VALUES (x), (x * 2)) q(v))
 WHERE id % 100 = 0;
CREATE TABLE pd AS SELECT * FROM pd_local;
SELECT create_distributed_table('pd', 'id') \g /dev/null
CREATE TABLE sp_local AS SELECT * FROM pd_local WHERE id <= 200000;
CREATE TABLE sp AS SELECT * FROM sp_local;
SELECT create_distributed_table('sp', 'id') \g /dev/null
CREATE TABLE pw_ref(i bigint, j bigint);
INSERT INTO pw_ref SELECT g, g % 200000 + 1 FROM generate_series(1, 200000) g;
INSERT INTO pw_ref SELECT g % 200000 + 1, g FROM generate_series(1, 200000) g;
SELECT create_reference_table('pw_ref') \g /dev/null
VACUUM ANALYZE;
SQL
# one line per aggregate: signature | query (@: the schema; %T: the table) | had an internal state in 1.0.0
{ cat sql/include/agg_args.sql; cat <<'SQL'; } | psql -X -q -At -F '|' > "$CITUS_DIR/aggs"
SELECT p.oid::regprocedure::text,
       format('SELECT (%s)::text FROM %%T',
              format(CASE WHEN p.prorettype = 'bytea'::regtype THEN '@.lorenz_curve_of(%s, 11)'
                          WHEN p.prorettype = 'double precision[]'::regtype AND p.proname <> 'log_trend_state'
                          THEN '@.ineq_value(%s)' ELSE '%s' END,
                     format('@.%s(%s)', p.proname,
                            (SELECT string_agg(pg_temp.arg_expr(n, t::regtype), ', ' ORDER BY o)
                               FROM unnest(p.proargtypes::oid[], p.proargnames) WITH ORDINALITY u(t, n, o))))),
       ag.aggtranstype = 'caregap.agg_state'::regtype,
       p.proname IN ('moran_i', 'geary_c', 'getis_ord_g', 'gini_spatial')
  FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid
 WHERE p.pronamespace = 'caregap'::regnamespace ORDER BY 1;
SQL
printf '%-78s %9s %9s %6s %9s %7s\n' aggregate "local ms" "dist ms" d/l "1.0 ms" "1.0/d"
# PostgreSQL's own aggregates first: what Citus's distribution costs on this machine anyway
for b in "sum(x)" "stddev_samp(x)" "regr_slope(y, t)" "percentile_cont(0.5) WITHIN GROUP (ORDER BY x)"; do
  read -r ms_l ms_d < <(time_rounds serial "SELECT $b FROM pd_local" serial "SELECT $b FROM pd")
  printf '%-78s %9.1f %9.1f %6s %9s %7s\n' "(PostgreSQL) $b" "$ms_l" "$ms_d" "$(ratio "$ms_d" "$ms_l")" - -
done
while IFS='|' read -r sig q was_internal spatial; do
  tl=pd_local; td=pd
  [ "$spatial" = t ] && { tl=sp_local; td=sp; q=${q//pw_ref/pw_ref}; }
  ql=${q//@/caregap}; ql=${ql//%T/$tl}
  qd=${q//@/caregap}; qd=${qd//%T/$td}
  read -r ms_l ms_d < <(time_rounds serial "$ql" serial "$qd")
  old=- old_ratio=-
  if [ "$was_internal" = t ]; then
    qo=${q//@/caregap_prev}; qo=${qo//%T/$td}; qo=${qo//caregap.spatial_options/caregap_prev.spatial_options}
    # 1.0.0's spatial aggregates take the weights' OID to the workers: they fail there
    if psql -X -q -c "$qo" >/dev/null 2>"$CITUS_DIR/err"; then
      old=$(time_ms serial "$qo"); old_ratio=$(ratio "$old" "$ms_d")
    else
      old="error"; old_ratio="($(head -1 "$CITUS_DIR/err" | cut -c8-50))"
    fi
  fi
  printf '%-78s %9.1f %9.1f %6s %9s %7s\n' "$sig" "$ms_l" "$ms_d" "$(ratio "$ms_d" "$ms_l")" "$old" "$old_ratio"
done < "$CITUS_DIR/aggs"
