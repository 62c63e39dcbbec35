# scripts/citus-cluster.sh — sourced by scripts/test-citus.sh and bench/citus.sh:
# citus_up CITUS_SOURCE_DIR builds and installs Citus from that tree and
# caregap from this one, starts a coordinator (port 5801) and two workers
# (5802, 5803) in a temporary directory, with pgTAP and Citus in each and
# caregap created on the coordinator (Citus creates it on the workers); it
# exports PGHOST, PGUSER, PGDATABASE, PGPORT (the coordinator) and CITUS_DIR.
# The clusters stop and the directory goes when the calling shell exits.
# CITUS_GLIBC_TUNABLES, if set, is the servers' GLIBC_TUNABLES (glibc's malloc
# settings; see docs/scaling.md), e.g. bench/citus.sh's MALLOC=retain.
citus_up() {
  SRC=$(cd "${1:?a Citus source tree}" && pwd)
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
    printf '%s\n' "port = $p" "unix_socket_directories = '$W'" "listen_addresses = 'localhost'" \
      "shared_preload_libraries = 'citus'" "max_connections = 100" "shared_buffers = ${CITUS_SHARED_BUFFERS:-256MB}" \
      "work_mem = ${CITUS_WORK_MEM:-256MB}" "jit = off" "citus.shard_count = 32" \
      ${CITUS_EXTRA_CONF:+"$CITUS_EXTRA_CONF"} >> "$W/n$p/postgresql.conf"
    as_pg env ${CITUS_GLIBC_TUNABLES:+GLIBC_TUNABLES="$CITUS_GLIBC_TUNABLES"} \
      "$BIN/pg_ctl" -D "$W/n$p" -l "$W/n$p.log" -w start >/dev/null
  done
  export PGHOST=$W PGUSER=postgres PGDATABASE=postgres
  for p in "${PORTS[@]}"; do psql -X -q -p "$p" -c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION pgtap'; done
  psql -X -q -p 5801 -c "SELECT citus_set_coordinator_host('localhost', 5801)" \
       -c "SELECT citus_add_node('localhost', 5802)" -c "SELECT citus_add_node('localhost', 5803)" >/dev/null
  psql -X -q -p 5801 -c 'CREATE EXTENSION caregap'
  export PGPORT=5801 CITUS_DIR=$W
}
