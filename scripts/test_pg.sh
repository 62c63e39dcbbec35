#!/usr/bin/env bash
# Build caregap and run its pg_regress suite (pgTAP, the PostGIS companion, the upgrade
# path) on PostgreSQL VERSION from that version's own Debian packages, inside a Debian
# chroot (scripts/chroot.sh): 15 from Debian 12 (bookworm), 17 from Debian 13 (trixie),
# 18 from Debian unstable (sid).
# Prints the suite's log and, last, "pgVERSION: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ver=$1
case $ver in
  15) suite=bookworm ;;
  17) suite=trixie ;;
  18) suite=sid ;;
  *) echo "test_pg.sh: no Debian release ships PostgreSQL $ver here (15, 17 or 18)"; echo "pg$ver: 0 passed, 1 failed"; exit 0 ;;
esac
pkgs=(postgresql-$ver postgresql-server-dev-$ver postgresql-$ver-pgtap postgresql-$ver-postgis-3 make gcc libc6-dev python3)
t0=$(date +%s)
if ! dir=$(bash scripts/chroot.sh prepare "$suite" "${pkgs[@]}"); then
  echo "pg$ver: the $suite chroot could not be prepared"; echo "pg$ver: 0 passed, 1 failed"; exit 0
fi
echo "# pg$ver: chroot $dir ready in $(( $(date +%s) - t0 )) s"
src=$dir/build/caregap
rm -rf "$src"; mkdir -p "$src"
# the files of this work tree that git knows or would add (no build products)
git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$src"
bash scripts/chroot.sh run "$suite" bash /build/caregap/scripts/regress.sh "pg$ver" "$ver" build
echo "# pg$ver: $(( $(date +%s) - t0 )) s in all"
