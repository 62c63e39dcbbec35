"""BI client test: psqlODBC (Debian odbc-postgresql) through unixODBC, driven by pyodbc:
the report views and one statistic of each family (test/clients/families.txt)."""
import os
import sys

import pyodbc

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

conn = pyodbc.connect(
    # BoolsAsChar=0: booleans as SQL_BIT (psqlODBC's default sends them as the characters 1 and 0)
    "DRIVER={PostgreSQL Unicode};SERVER=%s;PORT=%s;DATABASE=%s;UID=%s;PWD=%s;ReadOnly=1;BoolsAsChar=0"
    % (os.environ.get("PGHOST", "localhost"), os.environ.get("PGPORT", "5432"),
       os.environ["PGDATABASE"], os.environ["PGUSER"], os.environ.get("PGPASSWORD", "")),
    autocommit=True)
tap = common.Tap("psqlODBC")


common.run(tap, conn.cursor, common.text_fetcher(conn))
common.run_families(tap, conn.cursor)
sys.exit(tap.done())
