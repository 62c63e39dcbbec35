#!/usr/bin/env bash
# Run the pg_regress suite (pgTAP inside) against PostgreSQL VERSION on a throwaway UTF-8
# cluster made by pg_virtualenv, and print its log, the head of any diffs and, last,
# "NAME: N passed, M failed" (test files and pgTAP assertions together).
#
#   scripts/regress.sh NAME VERSION build      build with -Werror and install first
#   scripts/regress.sh NAME VERSION installed  test what is installed already (make install
#                                               or a Debian package), building nothing
# Used by scripts/test.sh on the host and inside the chroots of other versions.
set -uo pipefail
cd "$(dirname "$0")/.."
name=$1 ver=$2 mode=$3
pgc=/usr/lib/postgresql/$ver/bin/pg_config
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ "$mode" = build ]; then
  if ! { make -s PG_CONFIG="$pgc" WERROR=1 && make -s PG_CONFIG="$pgc" install >/dev/null; } > "$log" 2>&1; then
    cat "$log"; echo "$name: build failed"; echo "$name: 0 passed, 1 failed"; exit 0
  fi
  grep -i "warning" "$log" && { echo "$name: warnings"; echo "$name: 0 passed, 1 failed"; exit 0; }
fi
rm -rf results regression.diffs regression.out
pg_virtualenv -v "$ver" -i '--encoding=UTF8 --locale=C.UTF-8' make -s installcheck PG_CONFIG="$pgc" > "$log" 2>&1
rc=$?
cat "$log"
# pg_regress 15 prints "test NAME ... ok"; 16 and later print TAP ("ok 1 - NAME")
r_ok=$(grep -cE '\.\.\. ok|^ok [0-9]+ +[-+] ' "$log" || true)
r_fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ +[-+] ' "$log" || true)
n_files=$(ls sql/*.sql | grep -vcE 'sql/caregap(_postgis|_korea)?--' || true)
if [ $((r_ok + r_fail)) -ne "$n_files" ]; then
  echo "pg_regress ran $((r_ok + r_fail)) of $n_files test files"
  r_fail=$((n_files - r_ok))
fi
[ $rc -ne 0 ] && [ "$r_fail" -eq 0 ] && r_fail=1
[ -f regression.diffs ] && head -200 regression.diffs
t_ok=0; t_fail=0
if [ -d results ]; then
  t_ok=$(cat results/*.out | grep -cE '^ok [0-9]+' || true)
  t_fail=$(cat results/*.out | grep -cE '^not ok [0-9]+' || true)
fi
echo "# $name: $r_ok of $n_files files ok; pgTAP assertions: $t_ok ok, $t_fail not ok"
echo "$name: $((r_ok + t_ok)) passed, $((r_fail + t_fail)) failed"
