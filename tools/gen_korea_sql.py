#!/usr/bin/env python3
"""Print the data section of caregap_korea's install script from data/korea/.

Run by the Makefile when it builds sql/caregap_korea--VERSION.sql: one INSERT
per table, an empty CSV cell as NULL, text as a quoted literal, numbers as
they stand (checked to be numbers), the months of the monthly panel as their
first day, the rook pairs as a flag on the queen pairs, each boundary feature
as a jsonb literal.  The files are read as they are; nothing is computed.
"""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqllit import lit, value  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CARE = os.path.join(ROOT, "data", "korea", "care")
BOUNDARIES = os.path.join(ROOT, "data", "korea", "boundaries")

# table, file, columns (in the file), which are text (else numbers)
TABLES = [
    ("municipality", "municipalities.csv",
     ["code", "sido", "sido_name_ko", "sido_name_en", "name_ko", "name_en", "kind", "is_gu",
      "parent_city", "general_gu", "lon", "lat", "point_dongs", "point_pop_pct"],
     {"code", "sido", "sido_name_ko", "sido_name_en", "name_ko", "name_en", "kind", "is_gu",
      "parent_city", "general_gu"}),
    ("population", "population.csv",
     ["code", "sido", "ref_date", "pop_total", "pop_0_5", "pop_65plus", "pop_75plus", "pop_85plus"],
     {"code", "sido", "ref_date"}),
    ("population_monthly", "population_65plus_monthly.csv",
     ["code", "sido", "month", "pop_total", "pop_65plus", "pop_75plus", "pop_85plus"],
     {"code", "sido", "month"}),
    ("ltc_recipients", "ltc_recipients.csv",
     ["code", "sido", "ref_date", "applicants", "recipients", "applicants_suppressed_cells",
      "recipients_suppressed_cells", "applicants_min", "applicants_max", "recipients_min",
      "recipients_max"],
     {"code", "sido", "ref_date"}),
    ("ltc_supply", "ltc_supply.csv",
     ["code", "sido", "ref_date", "type_code", "type_name_ko", "type_name_en", "service_group",
      "institutions", "capacity", "care_workers", "nurses", "nurse_aides", "social_workers",
      "physical_therapists", "occupational_therapists"],
     {"code", "sido", "ref_date", "type_code", "type_name_ko", "type_name_en", "service_group"}),
    ("nursing_hospital", "nursing_hospitals.csv",
     ["id", "name_ko", "code", "sido", "lon", "lat", "doctors", "specialists", "beds"],
     {"id", "name_ko", "code", "sido"}),
    ("crosswalk", "crosswalk.csv",
     ["source", "source_code", "source_sido", "source_name", "first_date", "last_date",
      "target_code", "how"],
     {"source", "source_code", "source_sido", "source_name", "first_date", "last_date",
      "target_code", "how"}),
]


def insert(table, cols, rows, out):
    out.write("INSERT INTO @extschema@.%s (%s) VALUES\n" % (table, ", ".join(cols)))
    out.write(",\n".join("    (" + ", ".join(r) + ")" for r in rows))
    out.write(";\n\n")


def main(out):
    out.write("\n-- The data: written at build time by tools/gen_korea_sql.py from data/korea/.\n")
    for table, fname, cols, text in TABLES:
        with open(os.path.join(CARE, fname), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        vals = []
        for r in rows:
            if table == "population_monthly":
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", r["month"]):
                    raise ValueError("not a month: %r" % r["month"])
                r = dict(r, month=r["month"] + "-01")
            vals.append([value(r[c], c in text) for c in cols])
        insert(table, cols, vals, out)
    rook = set()
    with open(os.path.join(BOUNDARIES, "municipalities_rook.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rook.add((r["code_a"], r["code_b"]))
    with open(os.path.join(BOUNDARIES, "municipalities_queen.csv"), encoding="utf-8", newline="") as f:
        queen = [[lit(r["code_a"]), lit(r["code_b"]), value(r["border_km"], False),
                  "true" if (r["code_a"], r["code_b"]) in rook else "false"] for r in csv.DictReader(f)]
    with open(os.path.join(BOUNDARIES, "municipalities_queen.csv"), encoding="utf-8", newline="") as f:
        if not rook <= {(r["code_a"], r["code_b"]) for r in csv.DictReader(f)}:
            raise ValueError("a rook pair that is not a queen pair")
    insert("adjacency", ["code_a", "code_b", "border_km", "rook"], queen, out)
    with open(os.path.join(BOUNDARIES, "municipalities.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    geo = [[lit(ft["properties"]["code"]),
            lit(json.dumps(ft["geometry"], separators=(",", ":"), ensure_ascii=False)) + "::pg_catalog.jsonb"]
           for ft in features]
    insert("boundary", ["code", "geojson"], geo, out)


if __name__ == "__main__":
    main(sys.stdout)
