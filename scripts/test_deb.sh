#!/usr/bin/env bash
# The Debian package, built the apt.postgresql.org way and tested as installed:
#   1. dpkg-buildpackage -us -uc -b in a copy of this tree (debian/ with pg_buildext,
#      dh --with pgxs_loop): postgresql-NN-caregap for each PostgreSQL NN installed here;
#   2. the package installed with apt into a clean chroot of this machine's Debian release
#      (scripts/chroot.sh) that has its PostgreSQL, pgTAP and PostGIS but never saw
#      caregap's files;
#   3. the pg_regress suite run there against the installed files.
# Prints the logs and, last, "package: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/pgversion.sh
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
t0=$(date +%s)
fail() { echo "package: $1"; echo "package: 0 passed, 1 failed"; exit 0; }
ver=$(sed -n "s/^default_version = '\(.*\)'/\1/p" caregap.control)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/caregap-$ver"
git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$work/caregap-$ver"
# debian/control is regenerated for the PostgreSQL versions installed on this machine
( cd "$work/caregap-$ver" && PG_UPDATECONTROL=yes DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b ) \
  > "$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "dpkg-buildpackage failed"; }
debs=("$work"/postgresql-*-caregap_"$ver"_*.deb)
[ -f "${debs[0]}" ] || fail "no package was built"
echo "# package: built ${debs[*]##*/} in $(( $(date +%s) - t0 )) s"
dpkg-deb -c "${debs[0]}" | awk '{print $6}' | grep -E 'caregap(_postgis|_korea)?(\.control|\.so|--.*\.sql)$' | sort

dir=$(bash scripts/chroot.sh prepare "$suite" "postgresql-$PGV" "postgresql-server-dev-$PGV" "postgresql-$PGV-pgtap" \
        "postgresql-$PGV-postgis-3" make) || fail "the $suite chroot could not be prepared"
# clean: caregap is not there before the package
found=$(bash scripts/chroot.sh run "$suite" sh -c "dpkg -r postgresql-$PGV-caregap >/dev/null 2>&1; rm -rf /build
  ls /usr/share/postgresql/$PGV/extension/ /usr/lib/postgresql/$PGV/lib/ | grep -c caregap || true")
[ "$found" = 0 ] || fail "the chroot already holds caregap files ($found)"
mkdir -p "$dir/build/debs" "$dir/build/caregap"
cp "${debs[@]}" "$dir/build/debs/"
# the tests only: nothing is built or installed from the source tree in the chroot
git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$dir/build/caregap"
bash scripts/chroot.sh run "$suite" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /build/debs/*.deb' \
  > "$work/install.log" 2>&1 || { tail -20 "$work/install.log"; fail "the package did not install"; }
echo "# package: installed into a clean $suite chroot; its files there:"
bash scripts/chroot.sh run "$suite" sh -c "dpkg -L postgresql-$PGV-caregap | grep -E '\.(control|so)\$'"
bash scripts/chroot.sh run "$suite" bash /build/caregap/scripts/regress.sh package "$PGV" installed
echo "# package: $(( $(date +%s) - t0 )) s in all"
