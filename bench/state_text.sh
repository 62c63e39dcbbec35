#!/usr/bin/env bash
# bench/state_text.sh — the text form of caregap.agg_state, which is how Citus
# ships every partial state from a worker to the coordinator: its output (on
# a worker), its input (on the coordinator), and the coordinator's whole
# finish (input, combine, sort, Gini), against the same functions of the
# release before (REV, default 28f4859, built from git as a second extension,
# caregap_prev, beside the current build) and against what PostgreSQL itself
# offers for bytes as text, encode(..., 'base64') and decode(..., 'base64'),
# on the same payloads.  One throwaway cluster (pg_virtualenv), jit off,
# serial.  Data: 2,000,000 rows (x lognormal, w 1..4) in 32 states of 62,500
# rows (Citus's shards), about 10 bytes a row; each state read from a table.
# Each line's queries run in rounds in one session (an untimed round, then
# REPS, default 5), in turn, and the medians are printed with their ratios.
# The input line's casts read each text from its TOAST table and copy it into
# a C string before the input function runs (on a Citus coordinator the text
# comes straight from the connection); decode() takes the text as it is.  In
# perf, agg_state_in itself is under a tenth of that query's samples.
# Usage: bash bench/state_text.sh [REV]   (as root, after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
. bench/lib.sh
prev_setup "${1:-28f4859}"
cat > "$W/run.sh" <<'SH'
set -euo pipefail
. bench/lib.sh
prev_extensions
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
SELECT setseed(0.42);
CREATE TABLE d AS SELECT g AS id, exp(random() * 3)::float8 AS x, (1 + g % 4)::float8 AS w
  FROM generate_series(1, 2000000) g;
-- the partial state of gini(x, w) that Citus's worker_partial_agg builds, in each version
CREATE AGGREGATE dstate_new(float8, float8) (SFUNC = caregap.dist_trans, STYPE = caregap.agg_state);
CREATE AGGREGATE dstate_old(float8, float8) (SFUNC = caregap_prev.dist_trans, STYPE = caregap_prev.agg_state);
-- what coord_combine_agg does with them: combine, then the final function
CREATE AGGREGATE gini_new(caregap.agg_state) (SFUNC = caregap.dist_combine, STYPE = caregap.agg_state,
                                             FINALFUNC = caregap.gini_final);
CREATE AGGREGATE gini_old(caregap_prev.agg_state) (SFUNC = caregap_prev.dist_combine,
                                                   STYPE = caregap_prev.agg_state, FINALFUNC = caregap_prev.gini_final);
-- the same for breaks(x, w, 7, 'quantile'), whose state keeps 16 bytes a row
CREATE AGGREGATE bstate_new(float8, float8, int, text) (SFUNC = caregap.breaks_trans, STYPE = caregap.agg_state);
CREATE AGGREGATE bstate_old(float8, float8, int, text) (SFUNC = caregap_prev.breaks_trans, STYPE = caregap_prev.agg_state);
CREATE AGGREGATE breaks_new(caregap.agg_state) (SFUNC = caregap.breaks_combine, STYPE = caregap.agg_state,
                                               FINALFUNC = caregap.breaks_final);
CREATE AGGREGATE breaks_old(caregap_prev.agg_state) (SFUNC = caregap_prev.breaks_combine,
                                                     STYPE = caregap_prev.agg_state, FINALFUNC = caregap_prev.breaks_final);
CREATE TABLE bt (s_new caregap.agg_state, s_old caregap_prev.agg_state, t_new text, t_old text);
ALTER TABLE bt ALTER s_new SET STORAGE EXTERNAL, ALTER s_old SET STORAGE EXTERNAL,
               ALTER t_new SET STORAGE EXTERNAL, ALTER t_old SET STORAGE EXTERNAL;
INSERT INTO bt(s_new, s_old) SELECT bstate_new(x, w, 7, 'quantile'), bstate_old(x, w, 7, 'quantile') FROM d GROUP BY id % 32;
UPDATE bt SET t_new = s_new::text, t_old = s_old::text;
-- stored uncompressed, so that reading a row costs both sides the same
CREATE TABLE st (s_new caregap.agg_state, s_old caregap_prev.agg_state);
ALTER TABLE st ALTER s_new SET STORAGE EXTERNAL, ALTER s_old SET STORAGE EXTERNAL;
INSERT INTO st SELECT dstate_new(x, w), dstate_old(x, w) FROM d GROUP BY id % 32;
CREATE TABLE tx (t_new text, t_old text, t_pg text);
ALTER TABLE tx ALTER t_new SET STORAGE EXTERNAL, ALTER t_old SET STORAGE EXTERNAL, ALTER t_pg SET STORAGE EXTERNAL;
INSERT INTO tx SELECT s_new::text, s_old::text, encode(caregap.agg_state_send(s_new), 'base64') FROM st;
VACUUM ANALYZE;
SQL
# the same bytes, the same text, the same result from every version
psql -X -At -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('# %s states, %s MB of text; texts equal: %s; Gini equal: %s (%s)', count(*),
              round(sum(octet_length(t_new)) / 1e6, 1), bool_and(t_new = t_old),
              (SELECT gini_new(t_new::caregap.agg_state) FROM tx) = (SELECT caregap.gini(x, w) FROM d),
              (SELECT gini_new(t_new::caregap.agg_state) FROM tx))
  FROM tx;
SELECT format('# breaks: %s MB of text; texts equal: %s; bounds equal: %s', round(sum(octet_length(t_new)) / 1e6, 1),
              bool_and(t_new = t_old),
              (SELECT (breaks_new(t_new::caregap.agg_state)).bounds FROM bt)
                = (SELECT (caregap.breaks(x, w, 7, 'quantile')).bounds FROM d))
  FROM bt;
SQL
line() {  # name, then mode/query pairs: the new build first, then the others
  local name=$1; shift
  read -r -a t < <(time_rounds "$@")
  printf '%-44s' "$name"
  for v in "${t[@]}"; do printf ' %9.1f' "$v"; done
  for v in "${t[@]:1}"; do printf ' %6s' "$(ratio "$v" "${t[0]}")"; done
  echo
}
printf '%-44s %9s %9s %9s %6s %6s\n' "32 states, 2,000,000 rows" "new ms" "old ms" "pg ms" "old/new" "pg/new"
line "output (worker): state -> text" \
  serial "SELECT count(caregap.agg_state_out(s_new)) FROM st" \
  serial "SELECT count(caregap_prev.agg_state_out(s_old)) FROM st" \
  serial "SELECT count(encode(caregap.agg_state_send(s_new), 'base64')) FROM st"
line "input (coordinator): text -> state" \
  serial "SELECT count(t_new::caregap.agg_state) FROM tx" \
  serial "SELECT count(t_old::caregap_prev.agg_state) FROM tx" \
  serial "SELECT count(decode(t_pg, 'base64')) FROM tx"
printf '%-44s %9s %9s %9s %6s %6s\n' "" "new ms" "old ms" "local ms" "old/new" "loc/new"
line "coordinator's finish: text -> gini" \
  serial "SELECT gini_new(t_new::caregap.agg_state) FROM tx" \
  serial "SELECT gini_old(t_old::caregap_prev.agg_state) FROM tx" \
  serial "SELECT caregap.gini(x, w) FROM d"
line "breaks: state -> text" \
  serial "SELECT count(caregap.agg_state_out(s_new)) FROM bt" \
  serial "SELECT count(caregap_prev.agg_state_out(s_old)) FROM bt" \
  serial "SELECT (caregap.breaks(x, w, 7, 'quantile')).bounds FROM d"
line "breaks: coordinator's finish, text -> bounds" \
  serial "SELECT (breaks_new(t_new::caregap.agg_state)).bounds FROM bt" \
  serial "SELECT (breaks_old(t_old::caregap_prev.agg_state)).bounds FROM bt" \
  serial "SELECT (caregap.breaks(x, w, 7, 'quantile')).bounds FROM d"
SH
cd "$W/.." && cp -r "$OLDPWD/bench" "$W/bench" && cd "$W"
pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=1GB -o work_mem=1GB bash run.sh
