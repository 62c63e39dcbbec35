#!/usr/bin/env bash
# Every ```sql block of README.md and docs/*.md runs and its output is compared
# (test/doctest/run_blocks.py; "--update" writes the outputs into the files), on a
# database with caregap, the dong data set and the report views.  Run inside
# pg_virtualenv; the last line is "doctest: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
psql -X -q -v ON_ERROR_STOP=1 -c 'DROP EXTENSION IF EXISTS caregap CASCADE' -c 'CREATE EXTENSION caregap' >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f data/korea_dong/load.sql >/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -f demo/views.sql >/dev/null || { echo "doctest: 0 passed, 1 failed"; exit 1; }
/usr/bin/python3 test/doctest/run_blocks.py "$@" || true
