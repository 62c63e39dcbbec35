#!/usr/bin/env python3
"""Write the Gyeonggi reference data into the install script.

Reads data/gyeonggi/{municipalities.csv,adjacency_queen.csv,
gyeonggi_municipalities.geojson} and replaces the text between the
'BEGIN GENERATED gyeonggi data' and 'END GENERATED gyeonggi data' markers of
the SQL file given as argument (default sql/master/90_gyeonggi.sql, the master
file of the reference data) with
INSERT statements.  A development tool: the build never runs it.
"""
import csv
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "gyeonggi")
REGION_EN = {"북부": "north", "남부": "south"}


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def municipalities():
    with open(os.path.join(DATA, "municipalities.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 31, len(rows)
    vals = []
    for r in rows:
        vals.append("    (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)" % (
            lit(r["code"]), lit(r["name_ko"]), lit(r["name_en"]), lit(r["kind"]),
            lit(r["region"]), lit(REGION_EN[r["region"]]), r["lon"], r["lat"],
            r["area_km2"], int(r["pop_total_2010"]), int(r["pop_65plus_2010"]),
            lit(r["kostat_code_2018"])))
    return ("INSERT INTO @extschema@.gyeonggi_municipality\n"
            "    (code, name_ko, name_en, kind, region, region_en, lon, lat, area_km2,\n"
            "     pop_total_2010, pop_65plus_2010, kostat_code_2018) VALUES\n"
            + ",\n".join(vals) + ";\n")


def adjacency():
    with open(os.path.join(DATA, "adjacency_queen.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 65, len(rows)
    vals = ["    (%s, %s, %s)" % (lit(r["code_a"]), lit(r["code_b"]), r["border_km"])
            for r in rows]
    return ("INSERT INTO @extschema@.gyeonggi_adjacency (code_a, code_b, border_km) VALUES\n"
            + ",\n".join(vals) + ";\n")


def boundaries():
    with open(os.path.join(DATA, "gyeonggi_municipalities.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    assert len(fc["features"]) == 31
    out = []
    for feat in fc["features"]:
        geom = json.dumps(feat["geometry"], separators=(",", ":"))
        out.append("INSERT INTO @extschema@.gyeonggi_boundary (code, geojson) VALUES (%s, %s);\n"
                   % (lit(feat["properties"]["code"]), lit(geom)))
    return "".join(out)


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "sql", "master", "90_gyeonggi.sql")
    with open(target, encoding="utf-8") as f:
        text = f.read()
    begin = "-- BEGIN GENERATED gyeonggi data: tools/gen_gyeonggi_sql.py from data/gyeonggi/\n"
    end = "-- END GENERATED gyeonggi data\n"
    pat = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pat.search(text):
        sys.exit("markers not found in " + target)
    body = begin + municipalities() + "\n" + adjacency() + "\n" + boundaries() + end
    text = pat.sub(lambda m: body, text)
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
