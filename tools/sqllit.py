"""SQL literals for the data generators (gen_care_sql.py, gen_korea_sql.py):
an empty CSV cell is NULL, text a quoted literal, a number as it stands
(checked to be a number)."""
import re


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def value(v, is_text):
    if v == "":
        return "NULL"
    if is_text:
        return lit(v)
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v):
        raise ValueError("not a number: %r" % v)
    return v
