#!/usr/bin/env bash
# Debian chroots for testing caregap on other PostgreSQL versions, as root.
#
#   scripts/chroot.sh prepare SUITE PACKAGES...  make (or reuse) the chroot of SUITE
#                                                 with PACKAGES installed; prints its path
#   scripts/chroot.sh run SUITE COMMAND...        run COMMAND inside it (/proc, /sys and
#                                                 /dev mounted for the time of the command)
#
# A chroot lives in $CAREGAP_CHROOTS (default /var/cache/caregap) as chroot-SUITE, made
# once by debootstrap (minbase) and kept: a second run on the same machine skips the
# bootstrap and installs only missing packages.  The package mirror (and the security
# mirror, for the suites that have one) are the ones this machine's own apt sources name,
# read at run time.  The mirror may be a snapshot, whose
# Release files have expired by the machine's clock, so apt in the chroot does not check
# Valid-Until.  No service starts inside (policy-rc.d) and no cluster is created at
# install: the tests make their own with pg_virtualenv.
set -euo pipefail
CHROOTS=${CAREGAP_CHROOTS:-/var/cache/caregap}

# the URIs of this machine's apt sources, one a line (deb822 .sources or one-line sources.list)
host_uris() {
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' /etc/apt/sources.list.d/*.sources
  fi
  if [ -f /etc/apt/sources.list ]; then
    awk '$1 == "deb" {print ($2 ~ /^\[/ ? $3 : $2)}' /etc/apt/sources.list
  fi
}
# the main archive mirror, and the security mirror if the machine has one
mirror() {
  local m
  m=$(host_uris | grep -v security | head -1)
  [ -n "$m" ] || { echo "chroot.sh: no Debian mirror in this machine's apt sources" >&2; exit 1; }
  echo "$m"
}
security_mirror() {
  host_uris | grep security | head -1
}
# apt sources of the chroot: the suite, and its -updates and -security where it has them
chroot_sources() {
  local suite=$1 m=$2 sec
  echo "deb $m $suite main"
  if [ "$suite" != sid ] && [ "$suite" != unstable ]; then
    echo "deb $m $suite-updates main"
    sec=$(security_mirror)
    [ -n "$sec" ] && echo "deb $sec $suite-security main"
  fi
}

mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  mounted=()
}
mount_into() {
  local dir=$1 what
  for what in proc sys dev dev/pts dev/shm; do
    mkdir -p "$dir/$what"
    if ! mountpoint -q "$dir/$what"; then
      mount --bind "/$what" "$dir/$what"
      mounted+=("$dir/$what")
    fi
  done
}

prepare() {
  local suite=$1; shift
  local dir=$CHROOTS/chroot-$suite m
  m=$(mirror)
  mkdir -p "$CHROOTS"
  if [ ! -f "$dir/.caregap-bootstrapped" ]; then
    command -v debootstrap >/dev/null || {
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
    rm -rf "$dir.tmp"
    echo "chroot.sh: debootstrap $suite from $m" >&2
    debootstrap --variant=minbase "$suite" "$dir.tmp" "$m" >"$CHROOTS/debootstrap-$suite.log" 2>&1 ||
      { tail -20 "$CHROOTS/debootstrap-$suite.log" >&2; exit 1; }
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    touch "$dir/.caregap-bootstrapped"
  fi
  chroot_sources "$suite" "$m" > "$dir/etc/apt/sources.list"
  rm -f "$dir/etc/apt/sources.list.d/"*.sources 2>/dev/null || true
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' > "$dir/etc/apt/apt.conf.d/99caregap"
  printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  mkdir -p "$dir/etc/postgresql-common/createcluster.d"
  echo "create_main_cluster = false" > "$dir/etc/postgresql-common/createcluster.d/caregap.conf"
  local missing=() p
  for p in "$@"; do
    chroot "$dir" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # sources written by an older chroot.sh (one line) are brought up to date once
  if ! cmp -s "$dir/etc/apt/sources.list" "$dir/.caregap-sources" 2>/dev/null; then
    cp "$dir/etc/apt/sources.list" "$dir/.caregap-sources"
    missing+=("$@")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "chroot.sh: installing into $suite: ${missing[*]}" >&2
    trap unmount_all EXIT
    mount_into "$dir"
    chroot "$dir" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 apt-get update -qq >"$CHROOTS/apt-$suite.log" 2>&1 ||
      { tail -20 "$CHROOTS/apt-$suite.log" >&2; exit 1; }
    chroot "$dir" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 apt-get install -y -qq "${missing[@]}" >>"$CHROOTS/apt-$suite.log" 2>&1 ||
      { tail -20 "$CHROOTS/apt-$suite.log" >&2; exit 1; }
    chroot "$dir" apt-get clean
    unmount_all
    trap - EXIT
  fi
  echo "$dir"
}

run() {
  local suite=$1; shift
  local dir=$CHROOTS/chroot-$suite rc=0
  [ -f "$dir/.caregap-bootstrapped" ] || { echo "chroot.sh: no chroot for $suite (prepare it first)" >&2; exit 1; }
  trap unmount_all EXIT
  mount_into "$dir"
  chroot "$dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 LANG=C.UTF-8 "$@" || rc=$?
  unmount_all
  trap - EXIT
  return $rc
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 prepare SUITE PACKAGES... | run SUITE COMMAND..." >&2; exit 2 ;;
esac
