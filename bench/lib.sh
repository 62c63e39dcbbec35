# bench/lib.sh — helpers shared by caregap's benchmarks (sourced, not run).
#
# time_ms MODE QUERY: median wall time in ms of REPS runs of QUERY, measured
# by psql's \timing inside one session, output discarded.  MODE is
# "serial" (no parallel workers) or "parallel" (2 workers per Gather).
REPS=${REPS:-5}

time_ms() {
  local mode=$1 query=$2 workers=0
  [ "$mode" = parallel ] && workers=2
  {
    echo "SET max_parallel_workers_per_gather = $workers;"
    echo "\\o /dev/null"
    echo "$query;"            # warm-up run, not timed
    echo "\\timing on"
    for _ in $(seq "$REPS"); do echo "$query;"; done
  } | psql -X -q -v ON_ERROR_STOP=1 2>&1 |
    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n |
    awk '{ a[NR] = $1 } END { if (NR == 0) { print "NaN"; exit 1 } print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B to two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# time_rounds MODE1 QUERY1 MODE2 QUERY2 ...: the queries run in turn, REPS
# rounds in one session (after one untimed round), and the median of each is
# printed on one line.  A built-in and the aggregate measured in the same
# rounds see the same machine: a slow spell slows both, not just one.
time_rounds() {
  local specs=("$@") n=$(($# / 2)) i r
  {
    echo "\\o /dev/null"
    for r in $(seq 0 "$REPS"); do
      [ "$r" = 1 ] && echo "\\timing on"
      for i in $(seq 0 $((n - 1))); do
        local workers=0
        [ "${specs[$((2 * i))]}" = parallel ] && workers=2
        echo "SET max_parallel_workers_per_gather = $workers;"
        echo "\\echo @q $i"
        echo "${specs[$((2 * i + 1))]};"
      done
    done
  } | psql -X -q -v ON_ERROR_STOP=1 2>&1 |
    awk -v n="$n" '
      /^@q / { q = $2; next }
      /^Time: / && q != "" { t[q] = t[q] " " $2; q = "" }
      END {
        for (i = 0; i < n; i++) {
          k = split(t[i], v, " ")
          for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (v[b] + 0 < v[a] + 0) { x = v[a]; v[a] = v[b]; v[b] = x }
          m = (k == 0) ? "NaN" : (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
          printf "%s%s", (i ? " " : ""), m
        }
        print ""
      }'
}

# install_prev REV DIR: build caregap at git revision REV in DIR as a second
# extension, caregap_prev (library caregap_prev.so, schema caregap_prev, both
# linked -Bsymbolic so that neither library calls the other's functions), and
# install it beside the current build.  remove_prev takes it away again.
install_prev() {
  local rev=$1 dir=$2 lib share
  lib=$($PG_CONFIG --pkglibdir) share=$($PG_CONFIG --sharedir)/extension
  mkdir -p "$dir" && git archive "$rev" | tar -x -C "$dir"
  ( cd "$dir" && make -s MODULE_big=caregap_prev SHLIB_LINK=-Wl,-Bsymbolic >/dev/null 2>&1 &&
    ver=$(sed -n "s/default_version = '\(.*\)'/\1/p" caregap.control) && make -s "sql/caregap--$ver.sql" >/dev/null &&
    cp caregap_prev.so "$lib/" &&
    sed -e "s/^schema = caregap/schema = caregap_prev/" -e "s|\$libdir/caregap'|\$libdir/caregap_prev'|" caregap.control > "$share/caregap_prev.control" &&
    cp "sql/caregap--$ver.sql" "$share/caregap_prev--$ver.sql" )
}
remove_prev() {
  rm -f "$($PG_CONFIG --pkglibdir)/caregap_prev.so" "$($PG_CONFIG --sharedir)/extension"/caregap_prev*
}

# prev_setup REV: build and install the current tree, and REV beside it as
# caregap_prev (install_prev) in a new temporary directory, W; both go on exit.
prev_setup() {
  W=$(mktemp -d)
  trap 'rm -rf "$W"; remove_prev' EXIT
  make -s >/dev/null && make -s install >/dev/null
  install_prev "$1" "$W/prev"
}

# prev_extensions: inside the throwaway cluster of a prev_setup bench, jit off
# and both builds created, caregap and caregap_prev.
prev_extensions() {
  psql -X -q -c "ALTER SYSTEM SET jit = off" -c "SELECT pg_reload_conf()" >/dev/null
  psql -X -q -c 'CREATE EXTENSION caregap' -c 'CREATE EXTENSION caregap_prev' >/dev/null
}
