# Sourced by setup.sh, demo.sh and test.sh: PGV, the PostgreSQL major version of this
# Debian release (the one its "postgresql" package depends on: 15 on Debian 12, 17 on
# Debian 13), or CAREGAP_PG_VERSION when set.  Asks apt, updating its lists once if they
# are empty.
caregap_pg_version() {
  local v
  if [ -n "${CAREGAP_PG_VERSION:-}" ]; then echo "$CAREGAP_PG_VERSION"; return; fi
  v=$(apt-cache show postgresql 2>/dev/null | sed -n 's/^Depends:.*postgresql-\([0-9][0-9]*\).*/\1/p' | sort -n | tail -1)
  if [ -z "$v" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    v=$(apt-cache show postgresql 2>/dev/null | sed -n 's/^Depends:.*postgresql-\([0-9][0-9]*\).*/\1/p' | sort -n | tail -1)
  fi
  [ -n "$v" ] || { echo "cannot tell this system's PostgreSQL version (set CAREGAP_PG_VERSION)" >&2; return 1; }
  echo "$v"
}
PGV=$(caregap_pg_version) || exit 1
export PGV
export PG_CONFIG=/usr/lib/postgresql/$PGV/bin/pg_config
