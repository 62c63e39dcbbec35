#!/usr/bin/env bash
# Real Citus check (issue 20): builds Citus from a source tree the caller
# provides, starts a coordinator and two workers on local sockets, distributes
# tables, and runs every caregap aggregate, window function and set-returning
# function distributed and local, comparing the results and asserting the plan
# (worker_partial_agg for every aggregate).  Not part of CI: CI cannot
# download Citus (CI runs sql/partial.sql, the catalog and split-input test).
#
#   bash scripts/test-citus.sh CITUS_SOURCE_DIR      (as root; PostgreSQL 15)
#
# CITUS_SOURCE_DIR: a checkout of github.com/citusdata/citus at v12.1.12
# (Debian packages it needs: libcurl4-openssl-dev liblz4-dev libzstd-dev
# libkrb5-dev autoconf flex bison; this script installs them).
# Prints one line per check and, last, "citus: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/citus-cluster.sh
citus_up "${1:?usage: scripts/test-citus.sh CITUS_SOURCE_DIR}"
psql -X -v ON_ERROR_STOP=1 -f test/citus/citus.sql 2>&1 | tee "$CITUS_DIR/out"
[ -n "${CITUS_DEBUG_SQL:-}" ] && psql -X -f "$CITUS_DEBUG_SQL"   # extra queries to run, for debugging
ok=$(grep -cE '^ok [0-9]+' "$CITUS_DIR/out" || true)
bad=$(grep -cE '^not ok [0-9]+' "$CITUS_DIR/out" || true)
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$CITUS_DIR/out" | head -1)
[ -n "$planned" ] && [ $((ok + bad)) -ne "$planned" ] && bad=$((bad + planned - ok - bad))
echo "citus: $ok passed, $bad failed"
