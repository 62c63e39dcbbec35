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
SRC=$(cd "${1:?usage: scripts/test-citus.sh CITUS_SOURCE_DIR}" && pwd)
PGV=${CAREGAP_PG_VERSION:-15}
export PG_CONFIG=/usr/lib/postgresql/$PGV/bin/pg_config
BIN=/usr/lib/postgresql/$PGV/bin
DEBIAN_FRONTEND=noninteractive apt-get install -y -q libcurl4-openssl-dev liblz4-dev libzstd-dev \
  libkrb5-dev autoconf flex bison "postgresql-server-dev-$PGV" postgresql-$PGV-pgtap >/dev/null
# Citus: configure once, make (incremental), install
if [ ! -f "$SRC/Makefile.global" ]; then (cd "$SRC" && ./configure --without-libcurl PG_CONFIG="$PG_CONFIG" >/dev/null); fi
make -s -C "$SRC" -j2 >/dev/null 2>&1 && make -s -C "$SRC" install >/dev/null
make -s >/dev/null && make -s install >/dev/null
echo "# citus $(sed -n 's/^default_version = .\(.*\)./\1/p' "$($PG_CONFIG --sharedir)/extension/citus.control"), caregap $(sed -n "s/default_version = '\(.*\)'/\1/p" caregap.control), PostgreSQL $PGV"

W=$(mktemp -d /tmp/cg-citus.XXXXXX)
chown postgres: "$W"
PORTS=(5801 5802 5803)
as_pg() { runuser -u postgres -- "$@"; }
stop_all() { for p in "${PORTS[@]}"; do as_pg "$BIN/pg_ctl" -D "$W/n$p" -m immediate stop >/dev/null 2>&1 || true; done; rm -rf "$W"; }
trap stop_all EXIT
for p in "${PORTS[@]}"; do
  as_pg "$BIN/initdb" -D "$W/n$p" -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$W/n$p/postgresql.conf" <<CONF
port = $p
unix_socket_directories = '$W'
listen_addresses = 'localhost'
shared_preload_libraries = 'citus'
max_connections = 100
shared_buffers = 256MB
work_mem = 256MB
jit = off
citus.shard_count = 32
CONF
  as_pg "$BIN/pg_ctl" -D "$W/n$p" -l "$W/n$p.log" -w start >/dev/null
done
export PGHOST=$W PGUSER=postgres PGDATABASE=postgres
for p in "${PORTS[@]}"; do psql -X -q -p "$p" -c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION pgtap'; done
psql -X -q -p 5801 -c "SELECT citus_set_coordinator_host('localhost', 5801)" \
     -c "SELECT citus_add_node('localhost', 5802)" -c "SELECT citus_add_node('localhost', 5803)" >/dev/null
psql -X -q -p 5801 -c 'CREATE EXTENSION caregap'
export PGPORT=5801
psql -X -v ON_ERROR_STOP=1 -f test/citus/citus.sql 2>&1 | tee "$W/out"
[ -n "${CITUS_DEBUG_SQL:-}" ] && psql -X -f "$CITUS_DEBUG_SQL"   # extra queries to run, for debugging
ok=$(grep -cE '^ok [0-9]+' "$W/out" || true)
bad=$(grep -cE '^not ok [0-9]+' "$W/out" || true)
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$W/out" | head -1)
[ -n "$planned" ] && [ $((ok + bad)) -ne "$planned" ] && bad=$((bad + planned - ok - bad))
echo "citus: $ok passed, $bad failed"
