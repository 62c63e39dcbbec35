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
