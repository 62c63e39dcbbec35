"""BI client test: psycopg2 (Debian python3-psycopg2) reads the report views and one
statistic of each family (test/clients/families.txt)."""
import os
import sys

import psycopg2

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

conn = psycopg2.connect("")  # PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE from pg_virtualenv
conn.set_session(readonly=True, autocommit=True)
tap = common.Tap("psycopg2")


common.run(tap, conn.cursor, common.text_fetcher(conn))
common.run_families(tap, conn.cursor)
sys.exit(tap.done())
