#!/usr/bin/env bash
# allocate's whole-place min-max against HiGHS (scipy.optimize.milp) on 200
# units.  Run inside pg_virtualenv; the last line is "milp: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 test/milp/allocate_milp.py || true
