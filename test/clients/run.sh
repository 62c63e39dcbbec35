#!/usr/bin/env bash
# BI client tests: psycopg2, pgJDBC and psqlODBC each connect to a real server,
# read every report view of the demo (demo/views.sql) and run README examples;
# they, R's RPostgreSQL and node's pg read one statistic of each family as
# plain columns (test/clients/families.txt).
# Run inside pg_virtualenv (it sets PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE).  Prints TAP lines and, last, "clients: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
psql -X -q -v ON_ERROR_STOP=1 -c 'DROP EXTENSION IF EXISTS caregap CASCADE' -c 'CREATE EXTENSION caregap' >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/views.sql >/dev/null || { echo "clients: 0 passed, 1 failed"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
{
  /usr/bin/python3 test/clients/psycopg2_test.py
  /usr/bin/python3 test/clients/odbc_test.py
  javac -d "$out" test/clients/BiJdbc.java && java -cp "$out:/usr/share/java/postgresql.jar" BiJdbc
  Rscript test/clients/rpostgresql_test.R
  { [ -d test/clients/node/node_modules/pg ] || (cd test/clients/node && npm ci --no-audit --no-fund >/dev/null); } &&
    node test/clients/node/node_test.mjs
} 2>&1 | tee "$out/tap.log"
p=$(grep -cE '^ok [0-9]+' "$out/tap.log")
f=$(grep -cE '^not ok [0-9]+' "$out/tap.log")
# a client that died before its plan line counts as a failure
plans=$(grep -cE '^1\.\.[0-9]+' "$out/tap.log")
[ "$plans" -lt 5 ] && f=$((f + 5 - plans))
echo "clients: $p passed, $f failed"
