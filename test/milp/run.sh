#!/usr/bin/env bash
# Against HiGHS (scipy.optimize.milp): allocate's whole-place min-max on 200
# units, and locate's p-median, p-center, MCLP and LSCP on 200 x 200.  Run
# inside pg_virtualenv; the last line is "milp: N passed, M failed", summed.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0; failed=0
for script in test/milp/allocate_milp.py test/milp/locate_milp.py; do
  echo "# $script"
  out=$(/usr/bin/python3 "$script" 2>&1)
  echo "$out" | grep -v "^milp: "
  line=$(echo "$out" | grep -E "^milp: [0-9]+ passed, [0-9]+ failed" | tail -1)
  if [ -z "$line" ]; then
    failed=$((failed + 1)); echo "not ok - $script printed no summary"
  else
    p=${line#milp: }; p=${p%% passed*}; f=${line##*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
  fi
done
echo "milp: $passed passed, $failed failed"
