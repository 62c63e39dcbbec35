#!/usr/bin/env bash
# bench/states.sh — what caregap.agg_state (1.1.0) costs or saves against the
# 'internal' states of the release before it, measured in one run: the
# previous release is built from git (REV, default the last 1.0.0 commit) as
# a second extension, caregap_prev (its own library caregap_prev.so and
# schema), beside the current build, in one throwaway cluster
# (pg_virtualenv).  Each aggregate runs in rounds with its 1.0.0 twin in one
# session (untimed round, then 5 timed; serial, then 2 parallel workers; in
# each round new, old, old, new), so a slow spell of the machine slows both
# sides of a ratio; printed: the mean of each side's two medians, and new / old.
# Both libraries are linked -Bsymbolic, so that neither calls the other's
# functions of the same name.
# Data: 1,000,000 rows (x lognormal, w 1..4, 31 groups); 300,000 units on a
# ring for the spatial statistics (999 permutations).  jit off.
# Usage: bash bench/states.sh [REV]   (as root, after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
. bench/lib.sh
prev_setup "${1:-997b1f2}"
cat > "$W/run.sh" <<'SH'
set -euo pipefail
. bench/lib.sh
prev_extensions
psql -X -q <<'SQL' >/dev/null
SELECT setseed(0.42);
CREATE TABLE d AS SELECT g AS id, exp(random() * 3)::float8 AS x, (1 + g % 4)::float8 AS w,
       (g % 31)::text AS grp FROM generate_series(1, 1000000) g;
CREATE TABLE sp AS SELECT g::bigint AS id, (g % 97 + random())::float8 AS x FROM generate_series(1, 300000) g;
CREATE TABLE ring(i bigint, j bigint);
INSERT INTO ring SELECT g, g % 300000 + 1 FROM generate_series(1, 300000) g;
INSERT INTO ring SELECT g % 300000 + 1, g FROM generate_series(1, 300000) g;
VACUUM ANALYZE;
SQL
row() {  # name, query template with @ for the schema
  local q_new=${2//@/caregap} q_old=${2//@/caregap_prev} m
  for m in serial parallel; do
    # each round runs new, old, old, new: neither side always goes first
    read -r tn1 to1 to2 tn2 < <(time_rounds $m "$q_new" $m "$q_old" $m "$q_old" $m "$q_new")
    tn=$(awk -v a="$tn1" -v b="$tn2" 'BEGIN { print (a + b) / 2 }')
    to=$(awk -v a="$to1" -v b="$to2" 'BEGIN { print (a + b) / 2 }')
    printf '%-34s %-8s %9.1f %9.1f %6s\n' "$1" "$m" "$tn" "$to" "$(ratio "$tn" "$to")"
  done
}
printf '%-34s %-8s %9s %9s %6s\n' aggregate plan "1.1 ms" "1.0 ms" "1.1/1.0"
row "gini(x)" "SELECT @.gini(x) FROM d"
row "gini(x, w) by 31 groups" "SELECT grp, @.gini(x, w) FROM d GROUP BY grp"
row "care_gap(s, d) pooled" "SELECT (@.care_gap(x, w)).gap_index FROM d"
row "lorenz_curve(x, 11)" "SELECT @.lorenz_curve(x, 11) FROM d"
row "theil_decomposition(x, w, grp)" "SELECT (@.theil_decomposition(x, w, grp)).theil_t FROM d"
row "breaks(x, 7, 'quantile')" "SELECT (@.breaks(x, 7, 'quantile')).bounds FROM d"
row "breaks(x, 7, 'fisher_jenks')" "SELECT (@.breaks(x, 7, 'fisher_jenks')).bounds FROM d"
row "moran_i(id, x, ring) 300k, 999 perm" "SELECT (@.moran_i(id, x, 'ring'::regclass)).value FROM sp"
row "theil_t(x) (float8[], unchanged)" "SELECT @.theil_t(x) FROM d"
SH
cd "$W/.." && cp -r "$OLDPWD/bench" "$W/bench" && cd "$W"
pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' -o shared_buffers=1GB -o work_mem=1GB bash run.sh
