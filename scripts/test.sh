#!/usr/bin/env bash
# Set up (scripts/setup.sh), then run every test.  On the host's PostgreSQL (15 on
# Debian 12, 17 on Debian 13):
#   1. the C kernel unit tests under AddressSanitizer and UBSan,
#   2. a short libFuzzer run over the state parsers (when clang is present),
#   3. pg_regress (pgTAP inside) on a throwaway cluster,
#   4. the BI client tests (psycopg2, pgJDBC, psqlODBC, R, node) on another,
#   5. the HTML report in headless Chromium,
#   6. allocate against the MILP solver HiGHS (scipy) on 200 units, and every SQL
#      example of the README and docs/ run (test/doctest: runs, output not compared);
# then
#   7. the pg_regress suite (with the PostGIS companion and the upgrade path) on each
#      other supported PostgreSQL, from its own Debian packages in a Debian chroot
#      (15: Debian 12, 17: Debian 13, 18: Debian unstable; scripts/test_pg.sh),
#   8. the Debian package: built with pg_buildext, installed into a clean chroot of
#      this Debian release, and the suite run against the installed files
#      (scripts/test_deb.sh).
# Options: --pg N (or CAREGAP_PG=N) runs only version N's pg_regress suite: the host's
# suite for the host's version, a chroot's for another.  --no-chroots (or
# CAREGAP_CHROOTS_OFF=1) skips steps 7 and 8.
# The last line is "N passed, M failed", summed over every step (per-version lines
# "pgNN: N passed, M failed" come before it); the exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

only=${CAREGAP_PG:-}
chroots=1
[ "${CAREGAP_CHROOTS_OFF:-0}" = 1 ] && chroots=0
while [ $# -gt 0 ]; do
  case $1 in
    --pg) only=$2; shift 2 ;;
    --no-chroots) chroots=0; shift ;;
    *) echo "usage: $0 [--pg N] [--no-chroots]"; echo "0 passed, 1 failed"; exit 2 ;;
  esac
done

. scripts/pgversion.sh || { echo "0 passed, 1 failed"; exit 1; }
SUPPORTED="15 17 18"

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
# one other version's suite in its chroot
chroot_version() {
  local v=$1 t0
  t0=$(date +%s)
  bash scripts/test_pg.sh "$v" > "/tmp/caregap-pg$v.log" 2>&1
  cat "/tmp/caregap-pg$v.log"
  grep -E "^pg$v: [0-9]+ passed" "/tmp/caregap-pg$v.log" | tail -1
  add_summary "pg$v" "/tmp/caregap-pg$v.log"
}

if [ -n "$only" ] && [ "$only" != "$PGV" ]; then
  command -v debootstrap >/dev/null || CAREGAP_TEST_PACKAGES=1 bash scripts/setup.sh >/dev/null
  chroot_version "$only"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]; exit
fi

CAREGAP_TEST_PACKAGES=1 WERROR=1 bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

if [ -n "$only" ]; then
  bash scripts/regress.sh "pg$PGV" "$PGV" installed > /tmp/caregap-regress.log 2>&1
  cat /tmp/caregap-regress.log
  add_summary "pg$PGV" /tmp/caregap-regress.log
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]; exit
fi

# 1. kernel unit tests
make -s unit > /tmp/caregap-unit.log 2>&1
cat /tmp/caregap-unit.log
add_summary unit /tmp/caregap-unit.log

# 2. fuzz smoke run, when a clang with libFuzzer is there (the server headers bring a
#    clang-NN, setup.sh its libFuzzer runtime)
FUZZ_CC=$(command -v clang || ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$FUZZ_CC" ] && echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
     "$FUZZ_CC" -x c -fsanitize=fuzzer -o /tmp/caregap-fuzz-probe - >/dev/null 2>&1; then
  if make -s fuzz FUZZ_CC="$FUZZ_CC" FUZZ_SECONDS="${FUZZ_SECONDS:-10}" > /tmp/caregap-fuzz.log 2>&1; then
    echo "ok - fuzz_states ran ${FUZZ_SECONDS:-10}s without a finding"; add 1 0
  else
    tail -30 /tmp/caregap-fuzz.log; echo "not ok - fuzz_states found a crash"; add 0 1
  fi
else
  echo "# fuzz smoke run skipped: no clang with libFuzzer on this machine"
fi

# 3. pg_regress with pgTAP on a throwaway cluster (setup.sh installed the build)
bash scripts/regress.sh "pg$PGV" "$PGV" installed > /tmp/caregap-regress.log 2>&1
cat /tmp/caregap-regress.log
host_line=$(grep -E "^pg$PGV: [0-9]+ passed" /tmp/caregap-regress.log | tail -1)
add_summary "pg$PGV" /tmp/caregap-regress.log

# 4-6. on throwaway clusters of the host's PostgreSQL, each printing "NAME: N passed, M failed":
#   clients  the BI clients (psycopg2, pgJDBC, psqlODBC) read every report view;
#            they, R (RPostgreSQL) and node (pg) read one statistic of each family
#   report   the HTML report renders in headless Chromium
#   milp     against HiGHS (scipy.optimize.milp): allocate on 200 units, locate on 200 x 200
#   doctest  every SQL example of the README and docs/ runs (output not compared)
for step in clients:test/clients/run.sh report:test/report/run.sh milp:test/milp/run.sh doctest:test/doctest/run.sh; do
  name=${step%%:*}
  pg_virtualenv -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' bash "${step#*:}" > "/tmp/caregap-$name.log" 2>&1
  cat "/tmp/caregap-$name.log"
  add_summary "$name" "/tmp/caregap-$name.log"
done

version_lines=("$host_line")
if [ "$chroots" = 1 ]; then
  # 7. every other supported version, in its Debian chroot
  for v in $SUPPORTED; do
    [ "$v" = "$PGV" ] && continue
    chroot_version "$v"
    version_lines+=("$(grep -E "^pg$v: [0-9]+ passed" "/tmp/caregap-pg$v.log" | tail -1)")
  done
  # 8. the Debian package, installed into a clean chroot
  bash scripts/test_deb.sh > /tmp/caregap-package.log 2>&1
  cat /tmp/caregap-package.log
  add_summary package /tmp/caregap-package.log
  version_lines+=("$(grep -E "^package: [0-9]+ passed" /tmp/caregap-package.log | tail -1)")
fi

echo "# per version (pg_regress files and pgTAP assertions):"
for l in "${version_lines[@]}"; do echo "# $l"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
