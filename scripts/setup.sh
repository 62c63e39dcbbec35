#!/usr/bin/env bash
# Install what caregap needs on Debian (as root), then build and install the
# extension into the system PostgreSQL: 15 on Debian 12, 17 on Debian 13 (the
# release's own version, scripts/pgversion.sh).  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh

PACKAGES=(postgresql-$PGV postgresql-server-dev-$PGV postgresql-$PGV-pgtap
          postgresql-common make gcc libc6-dev python3)
# the tests also fuzz the kernels with the clang that comes with the server
# headers (its libFuzzer runtime is a package of its own)
# and the BI client tests use psycopg2, pgJDBC (with a headless JDK to compile
# the test), psqlODBC through unixODBC (driven by pyodbc), R's RPostgreSQL and
# node's pg (from npm: Debian's nodejs and npm unless npm is there); the companion
# extension caregap_postgis is tested with a real PostGIS, and the HTML
# report is opened in headless Chromium; allocate is checked against HiGHS
# (scipy.optimize.milp); the other PostgreSQL versions are tested in Debian
# chroots (debootstrap), and the Debian package is built (pg_buildext)
CLANG_RT=$(apt-cache depends "postgresql-server-dev-$PGV" 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/libclang-rt-\1-dev/p' | head -1)
[ "${CAREGAP_TEST_PACKAGES:-0}" = 1 ] && PACKAGES+=(${CLANG_RT:-libclang-rt-14-dev}
  python3-psycopg2 libpostgresql-jdbc-java default-jdk-headless odbc-postgresql unixodbc python3-pyodbc
  r-cran-rpostgresql
  postgresql-$PGV-postgis-3 chromium python3-scipy
  debootstrap dpkg-dev debhelper fakeroot build-essential postgresql-server-dev-all)
[ "${CAREGAP_TEST_PACKAGES:-0}" = 1 ] && ! command -v npm >/dev/null && PACKAGES+=(nodejs npm)

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

make -s PG_CONFIG="$PG_CONFIG" ${WERROR:+WERROR=1} >/dev/null
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "setup: caregap $(sed -n "s/^default_version = '\(.*\)'/\1/p" caregap.control) installed into $($PG_CONFIG --sharedir)/extension"
