#!/usr/bin/env python3
"""Write the Gyeonggi long-term care data into the SQL files.

Reads data/gyeonggi/care/{population,ltc_recipients,ltc_supply,
nursing_hospitals}.csv and replaces the text between the 'BEGIN GENERATED
gyeonggi care data' and 'END GENERATED gyeonggi care data' markers of each
SQL file given as argument (default: sql/master/91_gyeonggi_care.sql and the
upgrade script sql/caregap--0.3.1--0.4.0.sql) with INSERT statements.  An
empty CSV cell becomes NULL.  A development tool: the build never runs it.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqllit import lit, value  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "gyeonggi", "care")

# table, csv file, columns, which columns are text
TABLES = [
    ("gyeonggi_population", "population.csv",
     ["code", "ref_date", "pop_total", "pop_0_5", "pop_65plus", "pop_75plus", "pop_85plus"],
     {"code", "ref_date"}),
    ("gyeonggi_ltc_recipients", "ltc_recipients.csv",
     ["code", "ref_date", "applicants", "recipients", "applicants_suppressed_cells",
      "recipients_suppressed_cells", "applicants_min", "applicants_max", "recipients_min",
      "recipients_max"],
     {"code", "ref_date"}),
    ("gyeonggi_ltc_supply", "ltc_supply.csv",
     ["code", "ref_date", "type_code", "type_name_ko", "type_name_en", "service_group",
      "institutions", "capacity", "care_workers", "nurses", "nurse_aides", "social_workers",
      "physical_therapists", "occupational_therapists"],
     {"code", "ref_date", "type_code", "type_name_ko", "type_name_en", "service_group"}),
    ("gyeonggi_nursing_hospital", "nursing_hospitals.csv",
     ["id", "name_ko", "code", "lon", "lat", "doctors", "specialists", "beds"],
     {"id", "name_ko", "code"}),
]


def inserts():
    out = []
    for table, fname, cols, text in TABLES:
        with open(os.path.join(DATA, fname), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        vals = ["    (" + ", ".join(value(r[c], c in text) for c in cols) + ")" for r in rows]
        out.append("INSERT INTO @extschema@.%s\n    (%s) VALUES\n%s;\n"
                   % (table, ", ".join(cols), ",\n".join(vals)))
    return "\n".join(out)


def main():
    targets = sys.argv[1:] or [os.path.join(ROOT, "sql", "master", "91_gyeonggi_care.sql"),
                               os.path.join(ROOT, "sql", "caregap--0.3.1--0.4.0.sql")]
    body = inserts()
    for target in targets:
        with open(target, encoding="utf-8") as f:
            text = f.read()
        begin = "-- BEGIN GENERATED gyeonggi care data: tools/gen_care_sql.py from data/gyeonggi/care/\n"
        end = "-- END GENERATED gyeonggi care data\n"
        i, j = text.index(begin) + len(begin), text.index(end)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text[:i] + body + text[j:])


if __name__ == "__main__":
    main()
