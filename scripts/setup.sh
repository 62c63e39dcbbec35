#!/usr/bin/env bash
# Install what caregap needs on Debian 12 (as root), then build and install
# the extension into the system PostgreSQL 15.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
          postgresql-common make gcc libc6-dev)
# the tests also fuzz the kernels: clang-14 comes with the server headers, its
# libFuzzer runtime does not
# and the BI client tests use psycopg2, pgJDBC (with a headless JDK to compile
# the test) and psqlODBC through unixODBC (driven by pyodbc); the companion
# extension caregap_postgis is tested with a real PostGIS, and the HTML
# report is opened in headless Chromium; allocate is checked against HiGHS
# (scipy.optimize.milp)
[ "${CAREGAP_TEST_PACKAGES:-0}" = 1 ] && PACKAGES+=(libclang-rt-14-dev
  python3-psycopg2 libpostgresql-jdbc-java default-jdk-headless odbc-postgresql unixodbc python3-pyodbc
  postgresql-15-postgis-3 chromium python3-scipy)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
make -s PG_CONFIG="$PG_CONFIG" ${WERROR:+WERROR=1} >/dev/null
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "setup: caregap $(sed -n "s/^default_version = '\(.*\)'/\1/p" caregap.control) installed into $($PG_CONFIG --sharedir)/extension"
