#!/usr/bin/env bash
# Set up (scripts/setup.sh), then run every test:
#   1. the C kernel unit tests under AddressSanitizer and UBSan,
#   2. a short libFuzzer run over the state parsers (when clang is present),
#   3. pg_regress (pgTAP inside) on a throwaway PostgreSQL 15 cluster,
#   4. the BI client tests (psycopg2, pgJDBC, psqlODBC) on another,
#   5. the HTML report in headless Chromium,
#   6. allocate against the MILP solver HiGHS (scipy) on 200 units.
# The last line is "N passed, M failed", summed over kernel tests, pg_regress
# files and pgTAP assertions; the exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config

CAREGAP_TEST_PACKAGES=1 WERROR=1 bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); }
# add the counts of a "WHAT: N passed, M failed" line of a log (a failure if none)
add_summary() {
  local line
  line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -1)
  if [ -n "$line" ]; then
    add "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"
  else
    echo "$1 tests did not run to the end"; add 0 1
  fi
}

# 1. kernel unit tests
make -s unit > /tmp/caregap-unit.log 2>&1
cat /tmp/caregap-unit.log
add_summary unit /tmp/caregap-unit.log

# 2. fuzz smoke run, when a clang with libFuzzer is there (postgresql-server-dev-15
#    brings clang-14)
FUZZ_CC=$(command -v clang || command -v clang-14 || true)
if [ -n "$FUZZ_CC" ] && echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
     "$FUZZ_CC" -x c -fsanitize=fuzzer -o /tmp/caregap-fuzz-probe - >/dev/null 2>&1; then
  if make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-10}" > /tmp/caregap-fuzz.log 2>&1; then
    echo "ok - fuzz_states ran ${FUZZ_SECONDS:-10}s without a finding"; add 1 0
  else
    tail -30 /tmp/caregap-fuzz.log; echo "not ok - fuzz_states found a crash"; add 0 1
  fi
else
  echo "# fuzz smoke run skipped: no clang with libFuzzer on this machine"
fi

# 3. pg_regress with pgTAP on a throwaway cluster
rm -rf results regression.diffs regression.out
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' make -s installcheck PG_CONFIG="$PG_CONFIG" > /tmp/caregap-regress.log 2>&1
regress_rc=$?
cat /tmp/caregap-regress.log
r_ok=$(grep -cE '\.\.\. ok' /tmp/caregap-regress.log || true)
r_fail=$(grep -cE '\.\.\. FAILED' /tmp/caregap-regress.log || true)
n_files=$(ls sql/*.sql | grep -vcE 'sql/caregap(_postgis)?--' || true)
if [ $((r_ok + r_fail)) -ne "$n_files" ]; then
  echo "pg_regress ran $((r_ok + r_fail)) of $n_files test files"
  r_fail=$((n_files - r_ok))
fi
[ $regress_rc -ne 0 ] && [ "$r_fail" -eq 0 ] && r_fail=1
add "$r_ok" "$r_fail"
if [ -f regression.diffs ]; then head -200 regression.diffs; fi
t_ok=0; t_fail=0
if [ -d results ]; then
  t_ok=$(cat results/*.out | grep -cE '^ok [0-9]+' || true)
  t_fail=$(cat results/*.out | grep -cE '^not ok [0-9]+' || true)
fi
echo "# pgTAP assertions: $t_ok ok, $t_fail not ok"
add "$t_ok" "$t_fail"

# 4. BI clients (psycopg2, pgJDBC, psqlODBC) read every report view on a real server
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' bash test/clients/run.sh > /tmp/caregap-clients.log 2>&1
cat /tmp/caregap-clients.log
add_summary clients /tmp/caregap-clients.log

# 5. the HTML report renders in headless Chromium
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' bash test/report/run.sh > /tmp/caregap-report.log 2>&1
cat /tmp/caregap-report.log
add_summary report /tmp/caregap-report.log

# 6. allocate's whole-place min-max against HiGHS (scipy.optimize.milp), 200 units
pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' bash test/milp/run.sh > /tmp/caregap-milp.log 2>&1
cat /tmp/caregap-milp.log
add_summary milp /tmp/caregap-milp.log

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
