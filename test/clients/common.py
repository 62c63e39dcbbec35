"""Shared checks of the BI client tests (psycopg2 and psqlODBC through pyodbc).

Each client runs the same list of checks through its own driver and prints
TAP lines.  The expected column types come from the server's
information_schema; the expected values from the server's text form of each
number (PostgreSQL prints the shortest text that reads back as the same
double), so a check fails if a driver turns a double into anything else.
"""
import datetime
import os
import sys

FAMILIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "families.txt")
PLAIN = {"double precision", "integer", "bigint", "text", "boolean"}

EXPECTATIONS = ("SELECT table_name::text, column_name::text, data_type::text, ordinal_position::int "
                "FROM information_schema.columns WHERE table_schema = 'report' ORDER BY 1, 4")

PY_TYPES = {
    "double precision": float,
    "integer": int,
    "bigint": int,
    "text": str,
    "date": datetime.date,
    "boolean": bool,
}

# README examples: (sql, expected first row)
README_EXAMPLES = [
    ("SELECT caregap.gini(x), caregap.theil_t(x), caregap.atkinson(x, 0.5) "
     "FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) x",
     None),
    ("SELECT (caregap.theil_decomposition(pop_65plus_2010::float8 / pop_total_2010, pop_total_2010, region)).theil_t "
     "FROM caregap.gyeonggi_municipality", None),
    ("SELECT (caregap.care_gap(0.3, 3, 0.1)).units_short", None),
]


class Tap:
    def __init__(self, client):
        self.client = client
        self.n = 0
        self.failed = 0

    def ok(self, cond, what):
        self.n += 1
        if not cond:
            self.failed += 1
        print("%sok %d - %s: %s" % ("" if cond else "not ", self.n, self.client, what))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def text_fetcher(conn):
    """The server's text of the first value of a one-column query, on conn."""
    def fetch_text(sql):
        cur = conn.cursor()
        cur.execute("SELECT q.v::text FROM (%s) q(v) LIMIT 1" % sql)
        return cur.fetchone()[0]
    return fetch_text


def run(tap, cursor_factory, fetch_text):
    """cursor_factory() gives a DB-API cursor; fetch_text(sql) the server's text of a one-column query's first value."""
    cur = cursor_factory()
    cur.execute(EXPECTATIONS)
    cols = cur.fetchall()
    views = sorted({c[0] for c in cols})
    tap.ok(len(views) == 23, "23 report views (%s)" % ", ".join(views))
    for v in views:
        want = [(c[1], c[2]) for c in cols if c[0] == v]
        cur.execute("SELECT * FROM report.%s" % v)
        rows = cur.fetchall()
        names = [d[0] for d in cur.description]
        tap.ok(len(rows) > 0 and names == [w[0] for w in want],
               "report.%s: %d rows, columns %s" % (v, len(rows), ",".join(names)))
        bad = []
        for i, (name, typ) in enumerate(want):
            pt = PY_TYPES.get(typ)
            for r in rows:
                if r[i] is not None and (pt is None or not isinstance(r[i], pt) or
                                         (pt is int and isinstance(r[i], bool))):
                    bad.append("%s %s -> %s" % (name, typ, type(r[i]).__name__))
                    break
        tap.ok(not bad, "report.%s: every column arrives as its type %s" % (v, bad))
    # Korean names intact (UTF-8 end to end)
    cur.execute("SELECT name_ko, name_en FROM report.coverage WHERE code = '41130' AND domain = 'residential places'")
    r = cur.fetchone()
    tap.ok(r is not None and r[0] == "\uc131\ub0a8\uc2dc" and r[1] == "Seongnam-si", "Korean name 성남시 intact")
    cur.execute("SELECT count(DISTINCT name_ko) FROM report.coverage")
    tap.ok(cur.fetchone()[0] == 31, "31 distinct Korean names")
    # values: doubles as the same doubles, integers exact
    cur.execute("SELECT supply, demand, units FROM report.gap_by_region "
                "WHERE domain = 'residential places' AND area_en = 'province'")
    r = cur.fetchone()
    tap.ok(r[0] == 97178.0 and r[1] == 283943.0 and r[2] == 31, "province residential places 97178, recipients 283943, 31 units")
    for sql in ["SELECT gini FROM report.disparity WHERE domain = 'residential places'",
                "SELECT per_100_recipients FROM report.coverage WHERE code = '41130' AND domain = 'care workers'",
                "SELECT residential_places_needed FROM report.growth WHERE code = '41570'"]:
        cur.execute(sql)
        v = cur.fetchone()[0]
        text = fetch_text(sql)
        tap.ok(isinstance(v, float) and v == float(text), "%s = %s exactly (%r)" % (sql.split(" FROM ")[0][7:], text, v))
    cur.execute("SELECT ref_date FROM report.header WHERE item = 2")
    tap.ok(cur.fetchone()[0] == datetime.date(2026, 6, 10), "a date arrives as a date (2026-06-10)")
    # the README's examples
    for sql, _ in README_EXAMPLES:
        cur.execute(sql)
        row = cur.fetchone()
        if len(row) == 1:
            text = fetch_text(sql)
            ok = isinstance(row[0], (int, float)) and float(row[0]) == float(text)
        else:
            ok = all(isinstance(x, float) for x in row)
        tap.ok(ok, "README example: %s... -> %r" % (sql[:50], tuple(row)))
    cur.execute("SELECT caregap.gini(x), caregap.theil_t(x), caregap.atkinson(x, 0.5) "
                "FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) x")
    r = cur.fetchone()
    tap.ok(r[0] == 0.46209113026762383 and abs(r[2] - 0.17965909804634175201) < 6e-17,
           "README: Gini 0.46209113026762383, Atkinson(0.5) within 6e-17 of 0.17965909804634175201")


def families():
    """(label, query) of test/clients/families.txt: one statistic of each family."""
    out = []
    for line in open(FAMILIES, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            label, sql = line.rstrip("\n").split("\t", 1)
            out.append((label, sql))
    return out


def server_columns(cur, sql):
    """[(name, type, [text of each row's value or None])] as the server prints them."""
    q = sql.replace("'", "''")
    cur.execute("SELECT column_name, column_type::text FROM caregap.query_columns('%s') ORDER BY ordinal" % q)
    cols = [(r[0], r[1]) for r in cur.fetchall()]
    out = []
    for name, typ in cols:
        cur.execute('SELECT string_agg(coalesce(q."%s"::text, \'\\N\'), chr(31)) FROM (%s) q' % (name, sql))
        texts = [None if t == "\\N" else t for t in cur.fetchone()[0].split("\x1f")]
        out.append((name, typ, texts))
    return out


def same(value, typ, text):
    """The driver's value is the server's value, in the Python type of typ."""
    if text is None:
        return value is None
    if typ == "double precision":
        return isinstance(value, float) and value == float(text)
    if typ in ("integer", "bigint"):
        return isinstance(value, int) and not isinstance(value, bool) and value == int(text)
    if typ == "boolean":
        return isinstance(value, bool) and value == (text == "true")
    return isinstance(value, str) and value == text


def run_families(tap, cursor_factory):
    """Each family's statistic: plain columns of ordinary types, values as the server's."""
    cur = cursor_factory()
    for label, sql in families():
        cols = server_columns(cur, sql)
        cur.execute(sql)
        rows = cur.fetchall()
        names = [d[0] for d in cur.description]
        plain = [c[1] for c in cols if c[1] not in PLAIN]
        tap.ok(names == [c[0] for c in cols] and not plain and len(rows) == len(cols[0][2]),
               "%s: %d rows of plain columns %s" % (label, len(rows), ",".join("%s %s" % c[:2] for c in cols)))
        bad = ["%s row %d: %r vs %s" % (c[0], r, rows[r][i], c[2][r])
               for i, c in enumerate(cols) for r in range(len(rows)) if not same(rows[r][i], c[1], c[2][r])]
        tap.ok(not bad, "%s: every value arrives as the server's, in its type %s" % (label, bad[:3]))
