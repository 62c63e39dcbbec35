#!/usr/bin/env bash
# bench/breaks.sh — exact Fisher-Jenks of caregap's kernel (groundwork of
# issue 12, no SQL surface yet) against ckmeans of simple-statistics (node;
# Ckmeans.1d.dp's algorithm, the same optimum) on 50,000 and 1,000,000
# lognormal values, k = 7, and against R classInt's "fisher" style (all
# values: largeN = Inf) on 50,000; quantile breaks as the floor (a sort).
# One core each, best of 5 runs in one process (classInt: one run).
# Usage: bash bench/breaks.sh   (installs r-cran-classint and the npm package if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
Rscript -e 'library(classInt)' >/dev/null 2>&1 ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q r-cran-classint >/dev/null
[ -d bench/ss/node_modules/simple-statistics ] || (cd bench/ss && npm install --no-audit --no-fund >/dev/null)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 - "$W" <<'PY'
import random, sys
random.seed(5)
for n in (50000, 1000000):
    with open('%s/v%d.txt' % (sys.argv[1], n), 'w') as f:
        for i in range(n):
            f.write('%.6f\n' % random.lognormvariate(3, 1))
PY
cc -O2 -Isrc/kernel -o "$W/breaks" bench/kernel/breaks.c src/kernel/cg_*.c -lm
echo "class breaks, k = 7, lognormal(3, 1) values with 6 decimals, $(date -u +%F), one core, best of 5"
for n in 50000 1000000; do
  cg=$("$W/breaks" "$W/v$n.txt" 7)
  js=$(node bench/ckmeans.mjs "$W/v$n.txt" 7)
  cgf=$(echo "$cg" | awk '/^caregap_fisher/ { print $2 }')
  cgq=$(echo "$cg" | awk '/^caregap_quantile/ { print $2 }')
  ck=$(echo "$js" | awk '{ print $2 }')
  same=$(paste <(echo "$cg" | awk '/^caregap_fisher/ { for (i = 4; i <= NF; i++) printf "%.6f\n", $i }') \
               <(echo "$js" | awk '{ for (i = 4; i <= NF; i++) printf "%.6f\n", $i }') | awk '$1 != $2 { d++ } END { print d ? "DIFFERENT" : "the same" }')
  printf '  n = %7d: caregap Fisher-Jenks %8.1f ms, ckmeans %8.1f ms (%.1fx), breaks %s; quantile floor %.1f ms\n' \
    "$n" "$cgf" "$ck" "$(awk -v a="$ck" -v b="$cgf" 'BEGIN { print a / b }')" "$same" "$cgq"
done
r=$(timeout 600 Rscript -e 'suppressMessages(library(classInt)); x <- scan(commandArgs(TRUE)[1], quiet = TRUE); t <- system.time(ci <- classIntervals(x, 7, style = "fisher", largeN = Inf))[["elapsed"]]; cat(t * 1000)' "$W/v50000.txt")
cgf=$("$W/breaks" "$W/v50000.txt" 7 | awk '/^caregap_fisher/ { print $2 }')
printf '  n =   50000: R classInt fisher %.0f ms (%.0fx caregap'"'"'s %.1f ms)\n' "$r" "$(awk -v a="$r" -v b="$cgf" 'BEGIN { print a / b }')" "$cgf"
